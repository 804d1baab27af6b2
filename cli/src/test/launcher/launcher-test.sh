#!/usr/bin/env bash
# Tests of ./imagecast's process handling (status, up, restart) on fakes: a copy of the launcher in a
# scratch root whose "jars" are empty files, a `java` on PATH that runs fake-component.py, and a fake
# PostgreSQL started here. Nothing is built, no real service starts, only free ports are used.
# Run by cli's LauncherScriptTest; by hand: bash cli/src/test/launcher/launcher-test.sh
set -uo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/imagecast-launcher-test.XXXXXX")"
ROOT="$WORK/root"
export IMAGECAST_STATE_DIR="$WORK/state"
export FAKE_CONTROL="$WORK/control"
# the system's python3 when there is one (a version manager's shim adds processes in between)
FAKE_PYTHON="$(command -v /usr/bin/python3 || command -v python3)"
export FAKE_PYTHON
export PATH="$HERE/bin:$PATH"
export IMAGECAST_NO_BUILD=1 IMAGECAST_READY_TIMEOUT=3
export IMAGECAST_SERVICES="node-registry sender-service"
PIDS="$IMAGECAST_STATE_DIR/pids"
failures=0

# Below the kernel's ephemeral range (32768 and up by default), where outgoing connections of other
# programs could take a port between this check and the fake's bind.
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}
export IMAGECAST_PG_PORT IMAGECAST_KAFKA_PORT IMAGECAST_KAFKA_CONTROLLER_PORT IMAGECAST_SESSION_PORT \
    IMAGECAST_REGISTRY_PORT IMAGECAST_LOGS_PORT IMAGECAST_SENDER_PORT
IMAGECAST_PG_PORT="$(free_port)" IMAGECAST_KAFKA_PORT="$(free_port)" IMAGECAST_KAFKA_CONTROLLER_PORT="$(free_port)"
IMAGECAST_SESSION_PORT="$(free_port)" IMAGECAST_REGISTRY_PORT="$(free_port)" IMAGECAST_LOGS_PORT="$(free_port)"
IMAGECAST_SENDER_PORT="$(free_port)"

cleanup() {
    local file pid
    if ((failures)); then
        for file in "$IMAGECAST_STATE_DIR"/logs/*.log; do
            echo "---- $file"
            cat "$file"
        done
    fi
    # every fake leads its own process group (setsid)
    for file in "$PIDS"/*.pid "$WORK"/*.pid; do
        [[ -s "$file" ]] || continue
        pid="$(cat "$file")"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    done
    for pid in "${STRAYS[@]-}"; do
        [[ -n "$pid" ]] && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
    done
    rm -rf "$WORK"
}
STRAYS=()
trap cleanup EXIT

check() { # check <description> <command...>
    local what="$1"
    shift
    if "$@"; then
        echo "ok - $what"
    else
        echo "not ok - $what"
        failures=$((failures + 1))
    fi
}

run() { # run <name> <launcher args...>: output in $WORK/<name>.out, exit code in $WORK/<name>.rc
    local name="$1"
    shift
    "$ROOT/imagecast" "$@" >"$WORK/$name.out" 2>&1
    echo $? >"$WORK/$name.rc"
    sed "s/^/    $name| /" "$WORK/$name.out"
}
rc() { [[ "$(cat "$WORK/$1.rc")" == "$2" ]]; }
says() { grep -qF -- "$2" "$WORK/$1.out"; }
pid_of() { cat "$PIDS/$1.pid" 2>/dev/null; }
age_over_timeout() { sleep $((IMAGECAST_READY_TIMEOUT + 1)); }

# The scratch root: the launcher, empty service jars, a broker classpath that resolves.
mkdir -p "$ROOT/libs/kafka-broker/target/classes/io/imagecast/kafka" "$FAKE_CONTROL" "$PIDS" \
    "$IMAGECAST_STATE_DIR/postgres/data" "$IMAGECAST_STATE_DIR/logs"
cp "$REPO/imagecast" "$ROOT/imagecast"
echo "$ROOT/imagecast" >"$ROOT/libs/kafka-broker/target/classes/io/imagecast/kafka/broker.classpath"
for svc in node-registry session-service log-service sender-service; do
    mkdir -p "$ROOT/$svc/target/quarkus-app"
    : >"$ROOT/$svc/target/quarkus-app/quarkus-run.jar"
done
echo secret >"$IMAGECAST_STATE_DIR/postgres/password"

echo "# status with nothing running"
run status-stopped status
check "status exits 3 when components are stopped" rc status-stopped 3

echo "# up, then status"
# PostgreSQL: a fake carrying the launcher's marker (the data dir) in its command line
setsid "$FAKE_PYTHON" "$HERE/fake-component.py" -Dimagecast.component=postgres "$IMAGECAST_STATE_DIR/postgres/data" \
    --port "$IMAGECAST_PG_PORT" >"$IMAGECAST_STATE_DIR/logs/postgres.log" 2>&1 </dev/null &
echo $! >"$PIDS/postgres.pid"
run up up
check "up exits 0 once every component is ready" rc up 0
run status-ready status
check "status exits 0 when every component is ready" rc status-ready 0

echo "# a service that runs but is not ready"
echo "Database connections health check" >"$FAKE_CONTROL/node-registry.down"
run status-unready status
check "status exits 1 when a component runs but is not ready" rc status-unready 1
check "status names the readiness check that is down" \
    grep -qE "^node-registry .*DOWN: Database connections health check" "$WORK/status-unready.out"

age_over_timeout
old="$(pid_of node-registry)"
run up-unready up
check "up exits 1 when a component stays unready" rc up-unready 1
check "up says which component is unhealthy and why" \
    says up-unready "node-registry runs (pid $old"
check "up restarts the unhealthy component" test "$(pid_of node-registry)" != "$old"
check "up's verdict names the component and its readiness" \
    says up-unready "node-registry (pid $(pid_of node-registry)): readiness answers HTTP 503, DOWN: Database connections health check"
check "up shows the component's last log lines" says up-unready "---- last lines of $IMAGECAST_STATE_DIR/logs/node-registry.log"

echo "# restart"
rm -f "$FAKE_CONTROL/node-registry.down"
echo 2 >"$FAKE_CONTROL/node-registry.stop-seconds"
old="$(pid_of node-registry)"
run restart restart node-registry
check "restart exits 0 when the component is ready again" rc restart 0
check "restart starts a new process" test "$(pid_of node-registry)" != "$old"
check "restart waited for the old process" bash -c "! kill -0 $old 2>/dev/null"
run restart-unknown restart nonsense
check "restart refuses an unknown component" rc restart-unknown 1
check "restart names the components" says restart-unknown "one of: postgres kafka"

echo "# up while a component is still shutting down"
echo 3 >"$FAKE_CONTROL/sender-service.stop-seconds"
old="$(pid_of sender-service)"
kill -TERM -- "-$old"
run up-stopping up
check "up (component stopping, pid file present) exits 0" rc up-stopping 0
check "up did not report a start-up failure" bash -c "! grep -q 'exited during start-up' '$WORK/up-stopping.out'"
check "up started a new sender-service" test "$(pid_of sender-service)" != "$old"

echo 5 >"$FAKE_CONTROL/sender-service.stop-seconds"
old="$(pid_of sender-service)"
kill -TERM -- "-$old"
STRAYS+=("$old")
rm -f "$PIDS/sender-service.pid" # a copy whose pid file is gone, still holding its port
run up-orphan up
check "up (stopping copy without pid file) exits 0" rc up-orphan 0
check "up says the old copy is still stopping" says up-orphan "sender-service (pid $old) is still stopping"
check "up started a new sender-service once the old one had gone" \
    bash -c "[[ '$(pid_of sender-service)' != '$old' ]] && ! kill -0 $old 2>/dev/null"
run status-end status
check "status exits 0 at the end" rc status-end 0

echo "# the first build"
run build --version
check "a CLI command builds the missing CLI first" says build "fake imagecast CLI:"
check "the build shows each module as Maven reaches it" \
    bash -c "grep -qF 'build 1/2 imagecast :: events' '$WORK/build.out' && grep -qF 'build 2/2 imagecast :: cli' '$WORK/build.out'"
check "Maven runs in batch mode, without download progress or colours" \
    grep -qE -- "^-B --no-transfer-progress -Dstyle.color=never " "$FAKE_CONTROL/mvn.args"

echo "# the local admin token"
TOKEN="$IMAGECAST_STATE_DIR/token"
jwt_part() { # jwt_part <index>: a part of the token, decoded
    local part
    part="$(cut -d. -f"$1" "$TOKEN" | tr '_-' '/+')"
    while ((${#part} % 4)); do part="$part="; done
    base64 -d <<<"$part"
}
claim() { jwt_part 2 | "$FAKE_PYTHON" -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
check "up minted a token with the audience and key id the services require" \
    bash -c "[[ '$(claim aud)' == imagecast && '$(jwt_part 1)' == *'\"kid\":\"imagecast\"'* ]]"
check "the token lives 12 h, below the services' 24 h cap" test "$(($(claim exp) - $(claim iat)))" -eq 43200
before="$(cat "$TOKEN")"
run token token
check "token mints a new token at once" bash -c "[[ \"\$(cat '$TOKEN')\" != '$before' ]]"
before="$(cat "$TOKEN")"
run cli-fresh --version
check "a CLI command keeps a young token" test "$(cat "$TOKEN")" == "$before"
touch -d '7 hours ago' "$TOKEN"
run cli-aged --version
check "a CLI command renews a token older than 6 h" test "$(cat "$TOKEN")" != "$before"
printf '%s' "$(printf '{"alg":"RS256","typ":"JWT"}' | base64 -w0 | tr '+/' '-_' | tr -d '=').e30.c2ln" >"$TOKEN"
run cli-old-shape --version
check "a token of the old shape is re-minted" bash -c "[[ '$(jwt_part 1)' == *kid* ]]"

rm -f "$ROOT/cli/target/imagecast-cli.jar" "$FAKE_CONTROL/mvn.pid"
# job control on: the launcher must not start with SIGINT ignored, as a plain background job would
set -m
"$ROOT/imagecast" --version >"$WORK/build-interrupted.out" 2>&1 &
launcher=$!
set +m
for _ in $(seq 50); do [[ -s "$FAKE_CONTROL/mvn.pid" ]] && break; sleep 0.1; done
kill -INT "$launcher" # what Ctrl-C does to the launcher; Maven, a background job of it, ignores SIGINT
# the fake build takes 5 s; the launcher acts on the signal once its 1 s progress pause is over
mvn_pid="$(cat "$FAKE_CONTROL/mvn.pid")"
# gone, or a zombie its new parent has not reaped yet
mvn_ended() { [[ ! -e "/proc/$mvn_pid" ]] || [[ "$(cut -d')' -f2 "/proc/$mvn_pid/stat" 2>/dev/null)" == " Z"* ]]; }
for _ in $(seq 100); do mvn_ended && break; sleep 0.1; done
check "Ctrl-C during the build stops Maven too" mvn_ended
wait "$launcher"

if ((failures)); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
