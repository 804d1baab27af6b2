#!/usr/bin/env python3
"""Multicast transfer benchmark: stock udpcast, imagecast and UFTP in one namespace lab.

Run as root from anywhere:  bench/run.sh [--quick] [options]   (see bench/README.md)

One run builds the lab once (bench/lab.sh, 1 sender + max(N) receivers), then for every
condition (shaping/loss, changed in place), repetition, receiver count and variant it starts the
receivers, waits until they listen, starts the sender and times the session from the sender's
launch until the sender and every receiver have exited. Every receiver's file is checked with
sha256. Standard library only.
"""

import argparse
import dataclasses
import datetime
import hashlib
import json
import os
import re
import select
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import product

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
LAB = BENCH / "lab.sh"
CLI_JAR = ROOT / "cli" / "target" / "imagecast-cli.jar"
SENDER_NS = "icb-s"
SENDER_IP = "10.203.0.1"
PORTBASE = 9000
UFTP_PORT = 1044
WORK = Path("/dev/shm/icb-bench")  # tmpfs: receivers write at memory speed, disk stays out of it
# Source files live in an image directory so the product path's storage group can serve them too.
IMAGE_ROOT = WORK / "images"
IMAGE_DIR = "bench"

CONDITIONS = {
    "unshaped": dict(shape="none", loss="0"),
    "1gbit": dict(shape="1gbit", loss="0"),
    "1gbit+1%": dict(shape="1gbit", loss="1"),
    "1gbit+5%": dict(shape="1gbit", loss="5"),
}

# The cells the speed targets name; the full mode runs only these unless --all-cells is given (every receiver
# count in every condition would take well over the 45 min a full run may take).
TARGET_NS = {"unshaped": {1, 4, 16}, "1gbit": {1, 2, 4, 8, 16}, "1gbit+1%": {1, 4, 16}, "1gbit+5%": {1, 4, 16}}

C_MAX_N = 4  # imagecast receive (variant c) runs at N <= 4 in the full mode's target cells

VARIANTS = {
    "a": "udp-sender as installed -> udp-receiver",
    "a+h": "udp-sender --rexmit-hello-interval 100 -> udp-receiver",
    "b": "imagecast send -> udp-receiver",
    "c": "imagecast send -> imagecast receive",
    "d": "uftp -> uftpd",
    "p": "imagecast sender-service (packaged, warm, driven through the session API) -> udp-receiver",
}

# UFTP's fastest settings found in this lab (see README): no rate limit, 4 MiB socket buffers,
# no encryption, 1400-byte blocks (the largest the man page advises for a 1500 MTU: fewer packets
# per byte), and a closed group (-H) so the sender starts as soon as every client registered.
UFTP_SENDER_OPTS = ["-R", "-1", "-B", "4194304", "-Y", "none", "-b", "1400"]
UFTPD_OPTS = ["-B", "4194304"]


def rx_ns(i):
    return f"icb-r{i}"


def uuid_tag():
    return os.urandom(3).hex()


def rx_ip(i):
    return f"10.203.0.{10 + i}"


def imagecast_cmd():
    """The imagecast CLI command (IMAGECAST_CMD overrides, e.g. a launcher with CDS options)."""
    if os.environ.get("IMAGECAST_CMD"):
        return os.environ["IMAGECAST_CMD"].split()
    # Same default as the launcher's CLI (see ./imagecast): C1 and the serial GC.
    java_opts = os.environ.get("IMAGECAST_CLI_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").split()
    return ["java", *java_opts, "-jar", str(CLI_JAR)]


def imagecast_missing():
    if os.environ.get("IMAGECAST_CMD"):
        return None
    if not CLI_JAR.is_file():
        return f"{CLI_JAR.relative_to(ROOT)} not built (mvn -B -o -pl cli package)"
    if not shutil.which("java"):
        return "java not installed (apt-get install -y openjdk-17-jre-headless)"
    return None


# ---------------------------------------------------------------------------------------------
# One benchmark run
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass
class RunResult:
    variant: str
    cond: str
    n: int
    size: int
    rep: int
    ok: bool
    seconds: float = 0.0
    sender_cpu: float = 0.0
    receivers_cpu: float = 0.0
    reason: str = ""

    @property
    def mbps(self):
        return self.size * 8 / self.seconds / 1e6 if self.ok and self.seconds > 0 else None


class Proc:
    """A child process in a namespace; exit time and rusage come from a pidfd and wait4."""

    def __init__(self, name, ns, argv, log, stdin=subprocess.DEVNULL):
        self.name = name
        self.log = log
        with open(log, "wb") as out:
            self.popen = subprocess.Popen(
                ["ip", "netns", "exec", ns, *argv], stdin=stdin, stdout=out, stderr=subprocess.STDOUT
            )
        self.pid = self.popen.pid
        self.pidfd = os.pidfd_open(self.pid)
        self.rc = None
        self.exit_time = None
        self.cpu = 0.0

    def reap(self, now):
        pid, status, ru = os.wait4(self.pid, os.WNOHANG)
        if pid == 0:
            return False
        self.rc = os.waitstatus_to_exitcode(status)
        self.exit_time = now
        self.cpu = ru.ru_utime + ru.ru_stime
        self.popen.returncode = self.rc  # so Popen never waits on a reaped pid
        os.close(self.pidfd)
        return True

    def stop(self, sig, grace=5.0):
        """Signal, wait up to grace seconds, then SIGKILL; reaps the process either way."""
        self.signal(sig)
        if self.running and not select.select([self.pidfd], [], [], grace)[0]:
            self.signal(signal.SIGKILL)
        if self.running:
            os.waitid(os.P_PIDFD, self.pidfd, os.WEXITED | os.WNOWAIT)
            self.reap(time.monotonic())

    @property
    def running(self):
        return self.rc is None

    def signal(self, sig):
        if self.running:
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass

    def tail(self, lines=3):
        try:
            text = Path(self.log).read_text(errors="replace").replace("\r", "\n")
        except OSError:
            return ""
        kept = [l.strip() for l in text.splitlines() if l.strip() and not l.lstrip().startswith("bytes=")]
        return " | ".join(kept[-lines:])


def listening(pid, port):
    """True once the process's network namespace has a UDP socket bound to port."""
    try:
        lines = Path(f"/proc/{pid}/net/udp").read_text().splitlines()[1:]
    except OSError:
        return False
    want = f":{port:04X}"
    return any(l.split()[1].endswith(want) for l in lines)


def sender_listening(pid, port):
    """The sender has bound its port (port None: any UDP socket, for uftp)."""
    if port is not None:
        return listening(pid, port)
    try:
        return len(Path(f"/proc/{pid}/net/udp").read_text().splitlines()) > 1
    except OSError:
        return False


def wait_all(procs, deadline, ready):
    while time.monotonic() < deadline:
        if all(ready(p) or not p.running for p in procs):
            return True
        for p in procs:
            p.reap(time.monotonic())
        time.sleep(0.02)
    return False


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.stat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class Runner:
    def __init__(self, args, logdir):
        self.args = args
        self.logdir = logdir
        self.hashes = {}
        self.pool = ThreadPoolExecutor(max(1, os.cpu_count() or 1))
        self.stack = None  # product.ProductStack while variant p runs
        self.stack_missing = None

    # Commands per variant -------------------------------------------------------------------
    def receiver_argv(self, variant, i, out, portbase=PORTBASE):
        if variant in ("a", "a+h", "b", "p"):
            return ["udp-receiver", "--interface", "e0", "--portbase", str(portbase), "--nokbd",
                    "--exit-wait", "0", "--file", str(out)]
        if variant == "c":
            return [*imagecast_cmd(), "receive", "--interface", "e0", "--portbase", str(PORTBASE),
                    "--nokbd", "--exit-wait", "0", "--file", str(out)]
        # -d keeps uftpd in the foreground so the benchmark owns it and gets its CPU time.
        return ["uftpd", "-d", "-I", "e0", "-p", str(UFTP_PORT), "-D", str(out.parent), "-x", "1", *UFTPD_OPTS]

    def sender_argv(self, variant, n, path):
        if variant in ("a", "a+h"):
            argv = ["udp-sender", "--interface", "e0", "--portbase", str(PORTBASE), "--nokbd",
                    "--min-receivers", str(n), "--file", str(path)]
            return argv + (["--rexmit-hello-interval", "100"] if variant == "a+h" else [])
        if variant in ("b", "c"):
            return [*imagecast_cmd(), "send", "--interface", "e0", "--portbase", str(PORTBASE), "--nokbd",
                    "--min-receivers", str(n), "--file", str(path)]
        ids = ",".join(f"0x{0x0ACB0000 + 10 + i:08x}" for i in range(1, n + 1))
        return ["uftp", "-I", "e0", "-p", str(UFTP_PORT), "-x", "1", *UFTP_SENDER_OPTS, "-H", ids, str(path)]

    def listen_port(self, variant):
        return UFTP_PORT if variant == "d" else PORTBASE

    # One session --------------------------------------------------------------------------------
    def run(self, variant, cond, n, src, rep, capture=False):
        size = src.stat().st_size
        res = RunResult(variant, cond, n, size, rep, ok=False)
        if variant in ("b", "c"):
            missing = imagecast_missing()
            if missing:
                res.reason = missing
                return res, None
        if variant == "p" and self.stack is None:
            res.reason = self.stack_missing or "the product stack is not running"
            return res, None
        tag = f"{cond}-n{n}-{variant}-r{rep}-{size}".replace("%", "pct").replace("+", "_")
        logs = self.logdir / tag
        logs.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(WORK / "rx", ignore_errors=True)
        outs = []
        for i in range(1, n + 1):
            d = WORK / "rx" / f"r{i}"
            d.mkdir(parents=True)
            outs.append(d / src.name)
        if variant == "p":
            return self.run_product(res, n, src, outs, logs)
        if self.args.order == "sender-first":
            return self.run_sender_first(res, variant, n, src, outs, logs)
        receivers = [Proc(f"r{i}", rx_ns(i), self.receiver_argv(variant, i, outs[i - 1]), logs / f"r{i}.log")
                     for i in range(1, n + 1)]
        all_procs = list(receivers)
        capture_proc = None
        try:
            port = self.listen_port(variant)
            if not wait_all(receivers, time.monotonic() + 120, lambda p: listening(p.pid, port)):
                res.reason = "receivers did not start listening within 120 s"
                return res, None
            dead = [p for p in receivers if not p.running]
            if dead:
                res.reason = f"receiver {dead[0].name} exited before the sender started: rc={dead[0].rc} {dead[0].tail()}"
                return res, None
            if capture:
                capture_proc = start_capture(logs / "capture.json", n)
            t0 = time.monotonic()
            sender = Proc("sender", SENDER_NS, self.sender_argv(variant, n, src), logs / "sender.log")
            all_procs.append(sender)
            res.reason = self.supervise(sender, receivers, outs, size, variant, t0)
            end = max(p.exit_time for p in ([sender] if variant == "d" else all_procs))
            res.seconds = end - t0
            res.sender_cpu = sender.cpu
            res.receivers_cpu = sum(p.cpu for p in receivers)
            if not res.reason:
                res.reason = self.verify(variant, sender, receivers, outs, src)
            res.ok = not res.reason
            startup = finish_capture(capture_proc) if capture_proc else None
            capture_proc = None
            return res, startup
        finally:
            for p in all_procs:
                p.signal(signal.SIGKILL)
            for p in all_procs:
                if p.running:
                    p.popen.wait()
                    p.rc = p.rc if p.rc is not None else -9
            if capture_proc:
                capture_proc.kill()
                capture_proc.wait()
            shutil.rmtree(WORK / "rx", ignore_errors=True)

    def run_sender_first(self, res, variant, n, src, outs, logs):
        """FOG's order: the sender is up and waiting (its start-up not timed), then the clients boot and
        start their receivers; the clock runs from the receivers' start to the end of the session."""
        sender = Proc("sender", SENDER_NS, self.sender_argv(variant, n, src), logs / "sender.log")
        all_procs = [sender]
        try:
            port = None if variant == "d" else PORTBASE + 1
            if not wait_all([sender], time.monotonic() + 120, lambda p: sender_listening(p.pid, port)):
                res.reason = "sender did not start listening within 120 s"
                return res, None
            if not sender.running:
                res.reason = f"sender exited before the receivers started: rc={sender.rc} {sender.tail()}"
                return res, None
            # Past bind and announcing. FOG's clients boot for tens of seconds after the task is created;
            # one second lets a JVM sender finish loading what it announces with (JIT not warmed).
            time.sleep(1.0)
            t0 = time.monotonic()
            receivers = [Proc(f"r{i}", rx_ns(i), self.receiver_argv(variant, i, outs[i - 1]), logs / f"r{i}.log")
                         for i in range(1, n + 1)]
            all_procs += receivers
            res.reason = self.supervise(sender, receivers, outs, res.size, variant, t0)
            end = max(p.exit_time for p in ([sender] if variant == "d" else all_procs))
            res.seconds = end - t0
            res.sender_cpu = sender.cpu
            res.receivers_cpu = sum(p.cpu for p in receivers)
            if not res.reason:
                res.reason = self.verify(variant, sender, receivers, outs, src)
            res.ok = not res.reason
            return res, None
        finally:
            for p in all_procs:
                p.signal(signal.SIGKILL)
            for p in all_procs:
                if p.running:
                    p.popen.wait()
                    p.rc = p.rc if p.rc is not None else -9
            shutil.rmtree(WORK / "rx", ignore_errors=True)

    def run_product(self, res, n, src, outs, logs):
        """The product path, always in FOG's order: the session is created, and once session-service
        reports the sender waiting, the receivers start; the clock runs from their start to the sender's
        TransferCompleted (the session's finishedAt)."""
        stack = self.stack
        receivers = []
        sid = None
        try:
            name = re.sub(r"[^A-Za-z0-9._ -]", "-", f"bench {res.cond} n{n} r{res.rep} {uuid_tag()}")
            sid = stack.create_session(name, src.name, n)
            view = stack.await_waiting(sid)
            time.sleep(1.0)  # as for the other senders: the clients boot after the sender waits
            cpu0 = stack.sender_cpu()
            wall0, t0 = time.time(), time.monotonic()
            receivers = [Proc(f"r{i}", rx_ns(i), self.receiver_argv("p", i, outs[i - 1], view["portBase"]),
                              logs / f"r{i}.log") for i in range(1, n + 1)]
            res.reason = self.supervise(None, receivers, outs, res.size, "p", t0)
            last_exit = max(p.exit_time for p in receivers if p.exit_time is not None) - t0 if not res.reason else None
            view = stack.await_end(sid)
            (logs / "session.json").write_text(json.dumps(view, indent=1))
            res.sender_cpu = stack.sender_cpu() - cpu0
            res.receivers_cpu = sum(p.cpu for p in receivers)
            if not res.reason and view["state"] != "COMPLETED":
                res.reason = f"session {view['state']}: {view.get('reason')}"
            if not res.reason:
                res.seconds = product.epoch(view["finishedAt"]) - wall0
                # the sender knows before the receivers exit; a clock that says otherwise is a bug here
                if not 0 < res.seconds <= last_exit + 2:
                    res.reason = f"finishedAt {view['finishedAt']} is {res.seconds:.3f} s after the receivers' start, " \
                                 f"their last exit {last_exit:.3f} s"
            if not res.reason:
                res.reason = self.verify("p", None, receivers, outs, src)
            res.ok = not res.reason
            return res, None
        except (product.ApiError, subprocess.TimeoutExpired, KeyError, ValueError) as e:
            res.reason = f"product path: {e}"
            return res, None
        finally:
            for p in receivers:
                p.signal(signal.SIGKILL)
            for p in receivers:
                if p.running:
                    p.popen.wait()
                    p.rc = p.rc if p.rc is not None else -9
            if sid and not res.ok:
                stack.cancel(sid)
                stack.await_end(sid, 15)
            shutil.rmtree(WORK / "rx", ignore_errors=True)

    def supervise(self, sender, receivers, outs, size, variant, t0):
        """Wait for the session to end; a stalled or over-long session is killed and failed. Without a
        sender process (the product path) the receivers' exits end it."""
        hard_cap = t0 + self.args.timeout_base + size * 8 / (self.args.min_rate * 1e6)
        stall = self.args.stall
        last_progress, last_bytes = time.monotonic(), -1
        procs = [sender] if variant == "d" else [p for p in (sender, *receivers) if p is not None]
        poller = select.poll()
        for p in procs:
            poller.register(p.pidfd, select.POLLIN)
        while any(p.running for p in procs):
            events = poller.poll(250)
            now = time.monotonic()
            for p in procs:
                if p.running and p.reap(now):
                    poller.unregister(p.pidfd)
                    last_progress = now
            failed = [p for p in procs if p is not sender and p.rc not in (None, 0)]
            why = f"receiver {failed[0].name} exit {failed[0].rc}: {failed[0].tail()}" if failed else None
            if events and not why:
                continue
            got = sum(dir_bytes(o.parent) for o in outs)
            if got != last_bytes:
                last_bytes, last_progress = got, now
            if why:
                pass  # a failed receiver fails the run at once; no need to wait for a stall
            elif now - last_progress > stall:
                why = f"stalled: no progress for {stall:.0f} s ({got / max(1, size * len(outs)):.0%} delivered)"
            elif now > hard_cap:
                why = f"timeout after {now - t0:.0f} s ({got / max(1, size * len(outs)):.0%} delivered)"
            if why:
                # udp-sender blocks SIGTERM while transferring: SIGKILL everything.
                for p in procs:
                    p.stop(signal.SIGKILL)
                return why
        if variant == "d":
            # uftpd is a daemon: the session is over when uftp exits; stop the daemons to get their CPU.
            for p in receivers:
                p.signal(signal.SIGTERM)
            for p in receivers:
                p.stop(signal.SIGTERM)
        return ""

    def verify(self, variant, sender, receivers, outs, src):
        if sender is not None and sender.rc != 0:
            return f"sender exit {sender.rc}: {sender.tail()}"
        if variant != "d":
            bad = [p for p in receivers if p.rc != 0]
            if bad:
                return f"{len(bad)} receiver(s) failed, e.g. {bad[0].name} exit {bad[0].rc}: {bad[0].tail()}"
        want = self.source_hash(src)
        missing = [o for o in outs if not o.is_file()]
        if missing:
            return f"{len(missing)} receiver file(s) missing, e.g. {missing[0]}"
        got = list(self.pool.map(sha256, outs))
        wrong = [o for o, h in zip(outs, got) if h != want]
        if wrong:
            return f"sha256 mismatch on {len(wrong)} receiver(s), e.g. {wrong[0].parent.name} ({wrong[0].stat().st_size} bytes)"
        return ""

    def source_hash(self, src):
        if src not in self.hashes:
            self.hashes[src] = sha256(src)
        return self.hashes[src]


# ---------------------------------------------------------------------------------------------
# Start-up capture: timestamps of CONNECT_REPLYs and the first DATA, seen on the sender's e0
# ---------------------------------------------------------------------------------------------

SO_TIMESTAMPNS = 35
PACKET_OUTGOING = 4


def capture_main(out, n):
    """Runs inside icb-s. Records when each receiver got its CONNECT_REPLY and when the first
    DATA left (with n = 0: when the first HELLO left), using kernel timestamps, then exits. Engine
    independent (udpcast wire only)."""
    # Outgoing packets reach only ETH_P_ALL taps, so take everything and keep IPv4/UDP.
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0003))
    s.bind(("e0", 0x0003))
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    print("ready", flush=True)
    replies = {}
    first_data = None
    deadline = time.monotonic() + 60
    s.settimeout(1.0)
    while first_data is None and time.monotonic() < deadline:
        try:
            data, anc, _, addr = s.recvmsg(128, socket.CMSG_SPACE(64))
        except socket.timeout:
            continue
        if addr[1] != 0x0800 or addr[2] != PACKET_OUTGOING or len(data) < 30 or data[9] != 17:
            continue
        ihl = (data[0] & 0x0F) * 4
        dport = struct.unpack_from("!H", data, ihl + 2)[0]
        opcode = struct.unpack_from("!H", data, ihl + 8)[0] if len(data) >= ihl + 10 else None
        ts = None
        for level, kind, raw in anc:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                sec, nsec = struct.unpack("qq", raw[:16])
                ts = sec + nsec / 1e9
        if dport != PORTBASE or ts is None:
            continue
        if opcode == 0x0500 and n == 0:
            first_data = ts  # the cold-start probe waits for the first HELLO instead
        elif opcode == 0x0007:
            dst = socket.inet_ntoa(data[16:20])
            replies.setdefault(dst, ts)
        elif opcode == 0x0008 and n > 0:
            first_data = ts
    Path(out).write_text(json.dumps({"replies": replies, "first_data": first_data}))


def start_capture(out, n):
    p = subprocess.Popen(["ip", "netns", "exec", SENDER_NS, sys.executable, __file__, "_capture", str(out), str(n)],
                         stdout=subprocess.PIPE, text=True)
    p.out = out
    p.n = n
    line = p.stdout.readline()
    if line.strip() != "ready":
        raise RuntimeError("capture helper did not start")
    return p


def finish_capture(p):
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    try:
        data = json.loads(Path(p.out).read_text())
    except (OSError, ValueError):
        return None
    if not data["first_data"] or len(data["replies"]) < p.n:
        return None
    return data["first_data"] - max(data["replies"].values())


# ---------------------------------------------------------------------------------------------
# Plan, report
# ---------------------------------------------------------------------------------------------


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except subprocess.TimeoutExpired:
        return "?"


def check_tools(variants):
    need = {"ip": "iproute2", "tc": "iproute2", "nft": "nftables"}
    if any(v in variants for v in ("a", "a+h", "b", "c")):
        need.update({"udp-sender": "udpcast", "udp-receiver": "udpcast"})
    if "d" in variants:
        need.update({"uftp": "uftp", "uftpd": "uftp"})
    if "p" in variants:
        need.update({"udp-receiver": "udpcast", "curl": "curl"})
    missing = sorted({pkg for tool, pkg in need.items() if not shutil.which(tool)})
    if missing:
        sys.exit(f"run.py: missing tools; install with: apt-get install -y {' '.join(missing)}")
    if os.geteuid() != 0:
        sys.exit("run.py: needs root (network namespaces)")


def machine_notes():
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip(),
        "memory": sh("free -g | awk '/Mem:/ {print $2 \" GiB total, \" $7 \" GiB available\"}'"),
        "kernel": os.uname().release,
        "java": sh("java -version 2>&1 | head -1"),
        "udpcast": sh("dpkg-query -W -f '${Version}' udpcast"),
        "uftp": sh("dpkg-query -W -f '${Version}' uftp"),
        "git": sh(f"git -C {ROOT} log -1 --format='%h %s'"),
        "imagecast cli": "missing: " + imagecast_missing() if imagecast_missing() else " ".join(imagecast_cmd()),
        "imagecast services": product.missing(ROOT) or "packaged jars (target/quarkus-app), started by ./imagecast up",
        "load average before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "command": "bench/run.sh " + " ".join(sys.argv[1:]),
    }


def make_file(path, size):
    if path.exists() and path.stat().st_size == size:
        return path
    with open(path, "wb") as f:
        left = size
        while left:
            chunk = os.urandom(min(left, 1 << 22))
            f.write(chunk)
            left -= len(chunk)
    return path


def median(xs):
    return statistics.median(xs) if xs else None


def fmt(x, digits=0):
    return "–" if x is None else f"{x:.{digits}f}"


def ratio(x, y):
    return None if x is None or not y else x / y


def cold_start(src, reps=3):
    """The CLI's cold start as a user sees it: `imagecast send` launched to its first HELLO on the wire
    (kernel timestamp of the outgoing packet on the sender's e0), median of reps."""
    if imagecast_missing():
        return None, imagecast_missing()
    times = []
    for rep in range(reps):
        out = WORK / f"hello-{rep}.json"
        cap = start_capture(out, 0)
        launched = time.time()
        sender = subprocess.Popen(["ip", "netns", "exec", SENDER_NS, *imagecast_cmd(), "send", "--interface", "e0",
                                   "--portbase", str(PORTBASE), "--nokbd", "--min-receivers", "1", "--file", str(src)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            cap.wait(timeout=30)
        except subprocess.TimeoutExpired:
            cap.kill()
            cap.wait()
        finally:
            sender.kill()
            sender.wait()
        try:
            hello = json.loads(out.read_text())["first_data"]
        except (OSError, ValueError, KeyError):
            hello = None
        if hello is None:
            return None, "no HELLO seen within 30 s of the launch"
        times.append(hello - launched)
    return median(times), ""


def jvm_startup(reps=3):
    """Wall time of `imagecast-cli.jar --help` (JVM start + CLI parse), median of reps."""
    if imagecast_missing():
        return None, imagecast_missing()
    times = []
    for _ in range(reps):
        t = time.monotonic()
        r = subprocess.run([*imagecast_cmd(), "send", "--help"], capture_output=True, timeout=60)
        times.append(time.monotonic() - t)
        if r.returncode != 0:
            return None, f"`send --help` exited {r.returncode}: {r.stderr.decode(errors='replace')[-200:]}"
    return median(times), ""


def report(args, notes, results, startup, jvm, elapsed, variants):
    lines = [f"# Transfer benchmark, {args.mode} mode", ""]
    if args.loaded_note:
        lines += [f"> {args.loaded_note}", ""]
    lines += ["## Machine", ""] + [f"- {k}: {v}" for k, v in notes.items()]
    lines += [f"- load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
              f"- benchmark wall time: {elapsed / 60:.1f} min", ""]
    lines += ["## Variants", ""] + [f"- **{v}**: {VARIANTS[v]}" for v in variants]
    lines += [f"- files of random data: {', '.join(f'N={n}: {size_label(size)}' for n, size in args.cells)}; "
              f"{args.reps} repetition(s)",
              f"- uftp options: `{' '.join(UFTP_SENDER_OPTS)} -H <client ids>`; uftpd `-d {' '.join(UFTPD_OPTS)}`", ""]
    cells = {}
    for r in results:
        cells.setdefault((r.cond, r.n, r.variant), []).append(r)

    def med(cond, n, v, attr):
        rs = [r for r in cells.get((cond, n, v), []) if r.ok]
        return median([getattr(r, attr) for r in rs])

    def failed(cond, n, v):
        rs = cells.get((cond, n, v), [])
        return f"{sum(not r.ok for r in rs)}/{len(rs)}"

    clock = ("from the receivers' start (the sender was already up and waiting, as in FOG) to the end of the session"
             if args.order == "sender-first" else
             "from the sender's launch (receivers already waiting; imagecast's JVM start-up included) to the end")
    lines += [f"Order: **{args.order}**; each session is timed {clock}.", ""]
    if "p" in variants:
        lines += ["Variant p is always in FOG's order: the session is created through session-service, the "
                  "receivers start 1 s after it reports WAITING_FOR_RECEIVERS, and the clock runs from their start "
                  "to the session's finishedAt (the sender-service's TransferCompleted event time). The services "
                  "run in the sender's namespace, warmed by two sessions before the first timed one.", ""]
    lines += ["## Goodput (Mbit/s, median of successful runs)", ""]
    head = ["condition", "N", "size", *variants, "p/best(a)", "p/d", "b/best(a)", "c/best(a,d)",
            "failed " + "/".join(variants)]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cond in args.conds:
        for n, size in args.cells_of[cond]:
            g = {v: med(cond, n, v, "mbps") for v in variants}
            best_a = max([g[v] for v in ("a", "a+h") if g.get(v)], default=None)
            best_ad = max([g[v] for v in ("a", "a+h", "d") if g.get(v)], default=None)
            row = [cond, str(n), size_label(size), *[fmt(g[v]) for v in variants],
                   fmt(ratio(g.get("p"), best_a), 2), fmt(ratio(g.get("p"), g.get("d")), 2),
                   fmt(ratio(g.get("b"), best_a), 2), fmt(ratio(g.get("c"), best_ad), 2),
                   " ".join(failed(cond, n, v) for v in variants)]
            lines.append("| " + " | ".join(row) + " |")
    lines += ["", "## CPU seconds (median of successful runs: sender / all receivers together)", ""]
    head = ["condition", "N", *variants]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cond in args.conds:
        for n, size in args.cells_of[cond]:
            row = [cond, str(n)] + [f"{fmt(med(cond, n, v, 'sender_cpu'), 2)} / {fmt(med(cond, n, v, 'receivers_cpu'), 2)}"
                                    for v in variants]
            lines.append("| " + " | ".join(row) + " |")
    lines += ["", "## Sender CPU seconds per GiB (median of successful runs; whole process, JVM start-up included; "
              "p: the sender-service process from the receivers' start to the session's end)", ""]
    head = ["condition", "N", *variants, "p/best(a)", "b/best(a)"]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cond in args.conds:
        for n, size in args.cells_of[cond]:
            gib = size / (1 << 30)
            per = {v: (lambda c: None if c is None else c / gib)(med(cond, n, v, "sender_cpu")) for v in variants}
            best_a = min([per[v] for v in ("a", "a+h") if per.get(v)], default=None)
            row = [cond, str(n)] + [fmt(per[v], 2) for v in variants] + [
                fmt(ratio(per.get("p"), best_a), 2), fmt(ratio(per.get("b"), best_a), 2)]
            lines.append("| " + " | ".join(row) + " |")
    if startup:
        lines += ["", f"## Start-up: 1 MiB to {args.startup_n} receivers, unshaped ({args.reps} runs)", "",
                  ("Session = receivers' start to last process exit (the sender was up and waiting). "
                   "Connect→data is not captured in this order."
                   if args.order == "sender-first" else
                   "Session = sender launch to last process exit (rendezvous included; imagecast includes its JVM). "
                   "Connect→data = last CONNECT_REPLY to first DATA on the sender's wire (packet capture, "
                   "udpcast protocol only)."), "",
                  "| variant | session s (median) | last connect → first data ms (median) | failed |", "|---|---|---|---|"]
        for v in variants:
            rs = startup.get(v, [])
            secs = median([r.seconds for r, _ in rs if r.ok])
            gaps = median([g * 1000 for r, g in rs if r.ok and g is not None])
            gap = fmt(gaps, 1) if v != "d" else "n/a (not udpcast)"
            lines.append(f"| {v} | {fmt(secs, 3)} | {gap} | {sum(not r.ok for r, _ in rs)}/{len(rs)} |")
    lines += ["", "## Cold start of the imagecast CLI", ""]
    jvm, hello = jvm
    hello_s, hello_err = hello
    lines.append(f"- `imagecast send` launched → its first HELLO on the sender's wire: "
                 + (f"{hello_s:.3f} s (median of 3)" if hello_s is not None else f"not measured: {hello_err}"))
    jvm_s, jvm_err = jvm
    lines.append(f"- `{' '.join(imagecast_cmd())} send --help`: "
                 + (f"{jvm_s:.3f} s (median of 3)" if jvm_s is not None else f"not measured: {jvm_err}"))
    fails = [r for r in results if not r.ok]
    if fails:
        lines += ["", "## Failed runs", ""]
        seen = {}
        for r in fails:
            seen.setdefault((r.variant, r.reason[:160]), []).append(f"{r.cond} N={r.n} rep{r.rep}")
        for (v, reason), where in seen.items():
            lines.append(f"- **{v}** ({len(where)}×: {', '.join(where[:4])}{' …' if len(where) > 4 else ''}): {reason}")
    return "\n".join(lines) + "\n"


def parse_size(text):
    """Bytes of a size like 2G, 200M, 1M or 512K (binary units) or a plain byte count."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)(?:i?B)?", text.strip(), re.IGNORECASE)
    if not m:
        raise ValueError(f"size '{text}' is not like 2G, 200M or 1048576")
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()])


def size_label(size):
    for unit, div in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= div and size % div == 0:
            return f"{size // div} {unit}"
    return f"{size / (1 << 20):.1f} MiB"


def parse_args(argv):
    ap = argparse.ArgumentParser(description="imagecast multicast transfer benchmark (run as root)")
    ap.add_argument("--quick", action="store_true", help="under 5 min: 20 MB, N=1,4,16, 2 conditions, 1 rep")
    ap.add_argument("--size", help="file size of the main cells, e.g. 2G, 200M, 20M (binary units; default 2G, "
                                   "quick 20M)")
    ap.add_argument("--ns", help="receiver counts, e.g. 1,2,4,8,16")
    ap.add_argument("--conds", help="conditions: " + ",".join(CONDITIONS).replace("%", "%%"))
    ap.add_argument("--variants", default=",".join(VARIANTS), help="subset of " + ",".join(VARIANTS))
    ap.add_argument("--reps", type=int, help="repetitions (default 3, quick 1)")
    ap.add_argument("--wide-ns", help="receiver counts run with --wide-size instead (their copies of the main file "
                                      "would not fit in memory), e.g. 8,16; empty = none (default 8,16, quick none)")
    ap.add_argument("--wide-size", default="200M", help="file size of the --wide-ns cells (default 200M)")
    ap.add_argument("--all-cells", action="store_true",
                    help="full mode: run every receiver count in every condition (default: the target cells, "
                         + "; ".join(f"{c} N={','.join(map(str, sorted(ns)))}" for c, ns in TARGET_NS.items()).replace("%", "%%") + ")")
    ap.add_argument("--startup-n", type=int, default=16, help="receivers for the 1 MiB start-up test (0 = off)")
    ap.add_argument("--stall", type=float, default=10.0, help="fail a run after this many seconds without progress")
    ap.add_argument("--min-rate", type=float, default=20.0,
                    help="hard timeout per run = --timeout-base + size / this rate (Mbit/s)")
    ap.add_argument("--timeout-base", type=float, default=20.0)
    ap.add_argument("--uftp-opts", help="replace the uftp sender options (default: " + " ".join(UFTP_SENDER_OPTS) + ")")
    ap.add_argument("--out", help="result file (default bench/results/<date>-<mode>.md)")
    ap.add_argument("--note", dest="loaded_note", default="", help="note printed at the top of the result file")
    ap.add_argument("--force", action="store_true", help="run the full benchmark even if the machine is busy")
    ap.add_argument("--order", choices=["receivers-first", "sender-first"],
                    help="receivers-first: receivers wait, the clock starts with the sender's launch (JVM start-up "
                         "included); sender-first: FOG's order, the sender waits and the clock starts with the "
                         "receivers (default: receivers-first with --quick, sender-first otherwise)")
    args = ap.parse_args(argv)
    args.mode = "quick" if args.quick else "full"
    if args.uftp_opts is not None:
        UFTP_SENDER_OPTS[:] = args.uftp_opts.split()
    if args.quick:
        defaults = dict(size="20M", ns="1,4,16", wide_ns="", conds="unshaped,1gbit+5%", reps=1,
                        order="receivers-first")
    else:
        defaults = dict(size="2G", ns="1,2,4", wide_ns="8,16", conds=",".join(CONDITIONS), reps=3,
                        order="sender-first")
    explicit_ns = args.ns is not None or args.wide_ns is not None
    for k, v in defaults.items():
        if getattr(args, k) is None:
            setattr(args, k, v)
    try:
        args.size = parse_size(args.size)
        args.wide_size = parse_size(args.wide_size)
    except ValueError as e:
        ap.error(str(e))
    args.ns = [int(x) for x in args.ns.split(",")]
    args.wide_ns = [int(x) for x in args.wide_ns.split(",") if x]
    # (receiver count, file size) of every cell, in the order they run
    args.cells = [(n, args.size) for n in args.ns] + [(n, args.wide_size) for n in args.wide_ns]
    every = args.quick or args.all_cells or explicit_ns
    args.every_cell = every
    args.cells_of = {c: [(n, size) for n, size in args.cells if every or n in TARGET_NS.get(c, {n})]
                     for c in CONDITIONS}
    if set(args.ns) & set(args.wide_ns):
        ap.error("--ns and --wide-ns must not share a receiver count")
    args.conds = args.conds.split(",")
    args.variants = args.variants.split(",")
    for c in args.conds:
        if c not in CONDITIONS:
            ap.error(f"unknown condition {c}")
    for v in args.variants:
        if v not in VARIANTS:
            ap.error(f"unknown variant {v}")
    return args


def start_product(runner, logdir, src, progress_line):
    """Starts the services in the sender's namespace and warms the sender-service with two sessions (a
    storage node's daemon has served sessions before the one that is timed)."""
    runner.stack_missing = product.missing(ROOT)
    if runner.stack_missing:
        progress_line(f"product path skipped: {runner.stack_missing}")
        return
    stack = product.ProductStack(ROOT, SENDER_NS, SENDER_IP, IMAGE_ROOT, IMAGE_DIR, logdir)
    t = time.monotonic()
    try:
        stack.start()
    except (product.ApiError, subprocess.TimeoutExpired, OSError) as e:
        runner.stack_missing = f"the product stack did not start: {e}"
        progress_line(runner.stack_missing)
        stack.stop()
        return
    progress_line(f"product stack up in {time.monotonic() - t:.0f} s (state {product.STATE}, logs {logdir})")
    runner.stack = stack
    for rep in (1, 2):
        r, _ = runner.run("p", "warm-up", 1, src, rep)
        progress_line(f"warm-up session {rep}: " + (f"{fmt(r.mbps)} Mbit/s" if r.ok else "FAILED " + r.reason))


def main(argv):
    if argv[:1] == ["_capture"]:
        return capture_main(argv[1], int(argv[2]))
    args = parse_args(argv)
    check_tools(args.variants)
    load1 = os.getloadavg()[0]
    if args.mode == "full" and load1 >= 1.5 and not args.force:
        sys.exit(f"run.py: 1-minute load average is {load1:.2f}; the full benchmark needs < 1.5 (or --force)")
    notes = machine_notes()
    started = time.monotonic()
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    out = Path(args.out) if args.out else BENCH / "results" / f"{stamp}-{args.mode}.md"
    logdir = Path(tempfile.mkdtemp(prefix="icb-bench-logs-"))
    images = IMAGE_ROOT / IMAGE_DIR
    images.mkdir(parents=True, exist_ok=True)
    sources = {size: make_file(images / f"image-{size}.bin", size) for size in sorted({s for _, s in args.cells})}
    src = sources[args.cells[0][1]]
    runner = Runner(args, logdir)
    results, startup = [], {}
    max_n = max([n for n, _ in args.cells] + [args.startup_n or 1])
    subprocess.run([str(LAB), "down"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(LAB), "up", str(max_n)], check=True)
    jvm = jvm_startup()
    hello = cold_start(src) if any(v in args.variants for v in ("b", "c")) else (None, "variants b and c not run")
    if "p" in args.variants:
        start_product(runner, logdir, src, progress_line=lambda text: print(
            f"[{(time.monotonic() - started) / 60:5.1f} min] {text}", flush=True))

    def progress(r):
        state = f"{fmt(r.mbps)} Mbit/s in {r.seconds:.2f} s" if r.ok else "FAILED " + r.reason
        print(f"[{(time.monotonic() - started) / 60:5.1f} min] {r.cond:9} N={r.n:<2} {r.variant:3} rep{r.rep}: {state}",
              flush=True)

    try:
        for cond in args.conds:
            subprocess.run([str(LAB), "cond", "--shape", CONDITIONS[cond]["shape"], "--loss", CONDITIONS[cond]["loss"]],
                           check=True, stdout=subprocess.DEVNULL)
            for rep in range(1, args.reps + 1):
                for n, size in args.cells_of[cond]:
                    for v in args.variants:
                        if v == "c" and n > C_MAX_N and not args.every_cell:
                            continue  # the receiver's target names N <= 4 only
                        r, _ = runner.run(v, cond, n, sources[size], rep)
                        results.append(r)
                        progress(r)
        if args.startup_n:
            subprocess.run([str(LAB), "cond", "--shape", "none", "--loss", "0"], check=True, stdout=subprocess.DEVNULL)
            small = make_file(images / "image-1mib.bin", 1 << 20)
            for rep in range(1, args.reps + 1):
                for v in args.variants:
                    r, gap = runner.run(v, "startup", args.startup_n, small, rep, capture=(v != "d"))
                    startup.setdefault(v, []).append((r, gap))
                    progress(r)
    finally:
        if runner.stack:
            runner.stack.stop()
        subprocess.run([str(LAB), "down"], stdout=subprocess.DEVNULL)
        shutil.rmtree(WORK, ignore_errors=True)
    text = report(args, notes, results, startup, (jvm, hello), time.monotonic() - started, args.variants)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(text)
    print(f"results: {out}\nper-run logs: {logdir}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
