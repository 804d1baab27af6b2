#!/usr/bin/env bash
# Multicast benchmark lab built from network namespaces.
#
#   bench/lab.sh up N [--shape RATE] [--loss PERCENT]   build 1 sender + N receivers
#   bench/lab.sh cond [--shape RATE|none] [--loss PERCENT]   change shaping/loss in place
#   bench/lab.sh down                                    delete everything `up` created
#   bench/lab.sh status                                  show namespaces, qdisc, nft rules
#
# Layout (everything lives inside namespaces; the root namespace is never touched):
#   icb-br   holds the bridge br0 (multicast snooping and querier off) and the bridge-side
#            veth ends: vs (sender) and vr1..vrN (receivers)
#   icb-s    sender, e0 = 10.203.0.1/24
#   icb-rI   receiver I, e0 = 10.203.0.(10+I)/24
# Every host gets broadcast 10.203.0.255, `default dev e0` and `224.0.0.0/4 dev e0`.
#
# --shape 1gbit: tbf on the sender's e0 (everything the sender sends, i.e. the multicast data).
#   tbf charges each packet skb->len, which on Ethernet is the frame from the destination MAC to
#   the end of the payload (14 + IP length). A real GbE wire also carries preamble+SFD (8), FCS (4)
#   and the inter-frame gap (12): `overhead 24`. The shortest frame on the wire is 84 bytes
#   (64 + 20): `mpu 84`. So a 1456-byte udpcast block (1500-byte IP packet) costs 1538 bytes of
#   line time, and the best possible goodput is 1456/1538 * 1000 = 947 Mbit/s, as on real GbE.
#   burst 15380 (10 full frames, 123 us at 1 Gbit/s) keeps bursts close to line rate while not
#   waking the qdisc watchdog for every packet; limit 1538000 (1000 full frames) is the queue
#   of a NIC with txqueuelen 1000, so a sender that outruns the link is blocked by its socket
#   send buffer, as on real hardware, instead of losing packets at the qdisc.
# --loss P: independent random loss of P percent (0.01 steps) of the UDP packets that the bridge
#   sends to each receiver (nftables netdev egress hook on vrI, `numgen random`), since this
#   kernel has no netem. Control traffic from receivers to the sender is not dropped.
set -euo pipefail

PREFIX=icb
BR_NS=$PREFIX-br
TX_NS=$PREFIX-s
NET=10.203.0
BCAST=$NET.255
STATE_DIR=${ICB_LAB_STATE:-/run/icb-lab}
STATE_FILE=$STATE_DIR/namespaces

die() { echo "lab.sh: $*" >&2; exit 1; }

need_tools() {
    local missing=()
    command -v ip >/dev/null || missing+=(iproute2)
    command -v tc >/dev/null || missing+=(iproute2)
    command -v nft >/dev/null || missing+=(nftables)
    if ((${#missing[@]})); then
        die "missing tools; install with: apt-get install -y $(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
    fi
    [[ $EUID -eq 0 ]] || die "needs root (network namespaces)"
}

rx_ns() { echo "$PREFIX-r$1"; }
rx_ip() { echo "$NET.$((10 + $1))"; }

# Receivers present in the running lab, from the state file written by `up`.
lab_receivers() {
    [[ -f $STATE_FILE ]] || return 0
    grep -E "^$PREFIX-r[0-9]+$" "$STATE_FILE" | sed "s/^$PREFIX-r//" | sort -n
}

create_ns() {
    ip netns add "$1"
    echo "$1" >>"$STATE_FILE"
    # `ip netns exec` bind-mounts /etc/netns/<ns>/* over /etc. Without these, every reverse lookup
    # (uftp and uftpd resolve peer addresses) waits about 6 s for the host's unreachable DNS server.
    mkdir -p "/etc/netns/$1"
    echo "nameserver 127.0.0.1" >"/etc/netns/$1/resolv.conf"
    cp "$STATE_DIR/hosts" "/etc/netns/$1/hosts"
    ip -n "$1" link set lo up
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
}

add_host() { # ns, bridge-side name, ip
    local ns=$1 port=$2 addr=$3
    create_ns "$ns"
    ip link add e0 netns "$ns" type veth peer name "$port" netns "$BR_NS"
    ip -n "$BR_NS" link set "$port" master br0 up
    ip -n "$ns" addr add "$addr/24" broadcast "$BCAST" dev e0
    ip -n "$ns" link set e0 up
    ip -n "$ns" route add default dev e0
    ip -n "$ns" route add 224.0.0.0/4 dev e0
}

set_shape() { # rate or none
    ip netns exec "$TX_NS" tc qdisc del dev e0 root 2>/dev/null || true
    if [[ $1 != none ]]; then
        ip netns exec "$TX_NS" tc qdisc add dev e0 root tbf rate "$1" burst 15380 limit 1538000 overhead 24 mpu 84
    fi
}

set_loss() { # percent (0 = none)
    ip netns exec "$BR_NS" nft delete table netdev icb_loss 2>/dev/null || true
    local per10k
    per10k=$(awk -v p="$1" 'BEGIN { if (p !~ /^[0-9]*\.?[0-9]+$/ || p > 100) exit 1; printf "%d", p * 100 + 0.5 }') \
        || die "--loss wants a percentage 0..100, got '$1'"
    ((per10k > 0)) || return 0
    local rules="table netdev icb_loss {"$'\n'
    local i
    for i in $(lab_receivers); do
        rules+="  chain vr$i { type filter hook egress device \"vr$i\" priority 0; policy accept; meta protocol ip meta l4proto udp numgen random mod 10000 < $per10k counter drop; }"$'\n'
    done
    rules+="}"
    ip netns exec "$BR_NS" nft -f - <<<"$rules"
}

parse_cond() {
    SHAPE=none LOSS=0
    while (($#)); do
        case $1 in
            --shape) SHAPE=${2:?--shape needs a rate, e.g. 1gbit}; shift 2 ;;
            --loss) LOSS=${2:?--loss needs a percentage}; shift 2 ;;
            *) die "unknown option $1" ;;
        esac
    done
}

cmd_up() {
    local n=${1:-}
    [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 200)) || die "usage: lab.sh up N [--shape RATE] [--loss P]   (1 <= N <= 200)"
    shift
    parse_cond "$@"
    [[ -f $STATE_FILE ]] && die "a lab is already up ($STATE_FILE); run 'lab.sh down' first"
    local ns i
    for ns in "$BR_NS" "$TX_NS" "$(rx_ns 1)"; do
        ip netns list | awk '{print $1}' | grep -qx "$ns" && die "namespace $ns exists but is not ours (no $STATE_FILE); remove it by hand"
    done
    mkdir -p "$STATE_DIR"
    : >"$STATE_FILE"
    [[ -d /etc/netns ]] || touch "$STATE_DIR/created-etc-netns"
    {
        echo "127.0.0.1 localhost"
        echo "$NET.1 icb-s"
        for ((i = 1; i <= n; i++)); do echo "$(rx_ip "$i") $(rx_ns "$i")"; done
    } >"$STATE_DIR/hosts"
    trap 'echo "lab.sh: up failed, tearing down" >&2; cmd_down' ERR
    create_ns "$BR_NS"
    ip -n "$BR_NS" link add br0 type bridge mcast_snooping 0 mcast_querier 0 stp_state 0
    ip -n "$BR_NS" link set br0 up
    add_host "$TX_NS" vs "$NET.1"
    local i
    for ((i = 1; i <= n; i++)); do
        add_host "$(rx_ns "$i")" "vr$i" "$(rx_ip "$i")"
    done
    set_shape "$SHAPE"
    set_loss "$LOSS"
    trap - ERR
    echo "lab up: sender $TX_NS ($NET.1), $n receivers $PREFIX-r1..$PREFIX-r$n ($(rx_ip 1)..$(rx_ip "$n")), shape=$SHAPE loss=$LOSS%"
}

cmd_cond() {
    [[ -f $STATE_FILE ]] || die "no lab is up"
    parse_cond "$@"
    set_shape "$SHAPE"
    set_loss "$LOSS"
    echo "lab condition: shape=$SHAPE loss=$LOSS%"
}

cmd_down() {
    local ns
    if [[ -f $STATE_FILE ]]; then
        # Deleting a namespace deletes its veth ends, bridge, qdisc and nft tables with it.
        tac "$STATE_FILE" | while read -r ns; do
            [[ $ns =~ ^$PREFIX-(br|s|r[0-9]+)$ ]] || continue
            ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
            ip netns del "$ns" 2>/dev/null || true
            rm -f "/etc/netns/$ns/resolv.conf" "/etc/netns/$ns/hosts"
            rmdir "/etc/netns/$ns" 2>/dev/null || true
        done
        if [[ -f $STATE_DIR/created-etc-netns ]]; then
            rmdir /etc/netns 2>/dev/null || true # ours, and only if nobody else put anything there
        fi
        rm -f "$STATE_FILE" "$STATE_DIR/hosts" "$STATE_DIR/created-etc-netns"
    fi
    echo "lab down"
}

cmd_status() {
    [[ -f $STATE_FILE ]] || { echo "no lab is up"; return 0; }
    echo "namespaces: $(tr '\n' ' ' <"$STATE_FILE")"
    ip netns exec "$TX_NS" tc qdisc show dev e0
    ip netns exec "$BR_NS" nft list ruleset
}

need_tools
case ${1:-} in
    up) shift; cmd_up "$@" ;;
    cond) shift; cmd_cond "$@" ;;
    down) cmd_down ;;
    status) cmd_status ;;
    *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
