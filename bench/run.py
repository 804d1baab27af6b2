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

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
LAB = BENCH / "lab.sh"
CLI_JAR = ROOT / "cli" / "target" / "imagecast-cli.jar"
SENDER_NS = "icb-s"
SENDER_IP = "10.203.0.1"
PORTBASE = 9000
UFTP_PORT = 1044
WORK = Path("/dev/shm/icb-bench")  # tmpfs: receivers write at memory speed, disk stays out of it

CONDITIONS = {
    "unshaped": dict(shape="none", loss="0"),
    "1gbit": dict(shape="1gbit", loss="0"),
    "1gbit+1%": dict(shape="1gbit", loss="1"),
    "1gbit+5%": dict(shape="1gbit", loss="5"),
}

VARIANTS = {
    "a": "udp-sender as installed -> udp-receiver",
    "a+h": "udp-sender --rexmit-hello-interval 100 -> udp-receiver",
    "b": "imagecast send -> udp-receiver",
    "c": "imagecast send -> imagecast receive",
    "d": "uftp -> uftpd",
}

# UFTP's fastest settings found in this lab (see README): no rate limit, 4 MiB socket buffers,
# no encryption, 1400-byte blocks (the largest the man page advises for a 1500 MTU: fewer packets
# per byte), and a closed group (-H) so the sender starts as soon as every client registered.
UFTP_SENDER_OPTS = ["-R", "-1", "-B", "4194304", "-Y", "none", "-b", "1400"]
UFTPD_OPTS = ["-B", "4194304"]


def rx_ns(i):
    return f"icb-r{i}"


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

    # Commands per variant -------------------------------------------------------------------
    def receiver_argv(self, variant, i, out):
        if variant in ("a", "a+h", "b"):
            return ["udp-receiver", "--interface", "e0", "--portbase", str(PORTBASE), "--nokbd",
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
        tag = f"{cond}-n{n}-{variant}-r{rep}-{size}".replace("%", "pct").replace("+", "_")
        logs = self.logdir / tag
        logs.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(WORK / "rx", ignore_errors=True)
        outs = []
        for i in range(1, n + 1):
            d = WORK / "rx" / f"r{i}"
            d.mkdir(parents=True)
            outs.append(d / src.name)
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

    def supervise(self, sender, receivers, outs, size, variant, t0):
        """Wait for the session to end; a stalled or over-long session is killed and failed."""
        hard_cap = t0 + self.args.timeout_base + size * 8 / (self.args.min_rate * 1e6)
        stall = self.args.stall
        last_progress, last_bytes = time.monotonic(), -1
        procs = [sender] if variant == "d" else [sender, *receivers]
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
        if sender.rc != 0:
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
    DATA left, using kernel timestamps, then exits. Engine independent (udpcast wire only)."""
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
        if opcode == 0x0007:
            dst = socket.inet_ntoa(data[16:20])
            replies.setdefault(dst, ts)
        elif opcode == 0x0008:
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
        "load average before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
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


def report(args, notes, results, big, startup, jvm, elapsed, variants):
    lines = [f"# Transfer benchmark, {args.mode} mode", ""]
    if args.loaded_note:
        lines += [f"> {args.loaded_note}", ""]
    lines += ["## Machine", ""] + [f"- {k}: {v}" for k, v in notes.items()]
    lines += [f"- load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
              f"- benchmark wall time: {elapsed / 60:.1f} min", ""]
    lines += ["## Variants", ""] + [f"- **{v}**: {VARIANTS[v]}" for v in variants]
    lines += [f"- file {args.size / 1e6:.0f} MB random, {args.reps} repetition(s), N = {', '.join(map(str, args.ns))}",
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
    lines += ["## Goodput (Mbit/s, median of successful runs)", ""]
    head = ["condition", "N", *variants, "b/best(a)", "c/best(a,d)", "failed " + "/".join(variants)]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cond in args.conds:
        for n in args.ns:
            g = {v: med(cond, n, v, "mbps") for v in variants}
            best_a = max([g[v] for v in ("a", "a+h") if g.get(v)], default=None)
            best_ad = max([g[v] for v in ("a", "a+h", "d") if g.get(v)], default=None)
            row = [cond, str(n), *[fmt(g[v]) for v in variants],
                   fmt(ratio(g.get("b"), best_a), 2), fmt(ratio(g.get("c"), best_ad), 2),
                   " ".join(failed(cond, n, v) for v in variants)]
            lines.append("| " + " | ".join(row) + " |")
    lines += ["", "## CPU seconds (median of successful runs: sender / all receivers together)", ""]
    head = ["condition", "N", *variants]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cond in args.conds:
        for n in args.ns:
            row = [cond, str(n)] + [f"{fmt(med(cond, n, v, 'sender_cpu'), 2)} / {fmt(med(cond, n, v, 'receivers_cpu'), 2)}"
                                    for v in variants]
            lines.append("| " + " | ".join(row) + " |")
    gib = args.size / (1 << 30)
    lines += ["", "## Sender CPU seconds per GiB (median of successful runs; whole process, JVM start-up included)", ""]
    head = ["condition", "N", *variants, "b/best(a)"]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for cond in args.conds:
        for n in args.ns:
            per = {v: (lambda c: None if c is None else c / gib)(med(cond, n, v, "sender_cpu")) for v in variants}
            best_a = min([per[v] for v in ("a", "a+h") if per.get(v)], default=None)
            row = [cond, str(n)] + [fmt(per[v], 2) for v in variants] + [fmt(ratio(per.get("b"), best_a), 2)]
            lines.append("| " + " | ".join(row) + " |")
    if big:
        lines += ["", f"## {big[0].size / 1e9:.1f} GB file once (N={big[0].n}, {big[0].cond})", "",
                  "| variant | Mbit/s | sender CPU s | receivers CPU s | result |", "|---|---|---|---|---|"]
        for r in big:
            lines.append(f"| {r.variant} | {fmt(r.mbps)} | {fmt(r.sender_cpu, 2)} | {fmt(r.receivers_cpu, 2)} | "
                         f"{'ok' if r.ok else 'FAILED: ' + r.reason} |")
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
    lines += ["", "## JVM start-up of the imagecast CLI", ""]
    jvm_s, jvm_err = jvm
    lines.append(f"- `{' '.join(imagecast_cmd())} send --help`: "
                 + (f"{jvm_s:.3f} s (median of 3)" if jvm_s is not None else f"not measured: {jvm_err}"))
    fails = [r for r in results + big if not r.ok]
    if fails:
        lines += ["", "## Failed runs", ""]
        seen = {}
        for r in fails:
            seen.setdefault((r.variant, r.reason[:160]), []).append(f"{r.cond} N={r.n} rep{r.rep}")
        for (v, reason), where in seen.items():
            lines.append(f"- **{v}** ({len(where)}×: {', '.join(where[:4])}{' …' if len(where) > 4 else ''}): {reason}")
    return "\n".join(lines) + "\n"


def parse_args(argv):
    ap = argparse.ArgumentParser(description="imagecast multicast transfer benchmark (run as root)")
    ap.add_argument("--quick", action="store_true", help="under 5 min: 20 MB, N=1,4,16, 2 conditions, 1 rep")
    ap.add_argument("--size-mb", type=float, help="file size in MB (default 200, quick 20)")
    ap.add_argument("--ns", help="receiver counts, e.g. 1,2,4,8,16")
    ap.add_argument("--conds", help="conditions: " + ",".join(CONDITIONS).replace("%", "%%"))
    ap.add_argument("--variants", default=",".join(VARIANTS), help="subset of " + ",".join(VARIANTS))
    ap.add_argument("--reps", type=int, help="repetitions (default 3, quick 1)")
    ap.add_argument("--big-mb", type=float, help="size of the once-only big file run (default 1000, quick 0 = off)")
    ap.add_argument("--big-n", type=int, default=2)
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
        defaults = dict(size_mb=20, ns="1,4,16", conds="unshaped,1gbit+5%", reps=1, big_mb=0,
                        order="receivers-first")
    else:
        defaults = dict(size_mb=200, ns="1,2,4,8,16", conds=",".join(CONDITIONS), reps=3, big_mb=1000,
                        order="sender-first")
    for k, v in defaults.items():
        if getattr(args, k) is None:
            setattr(args, k, v)
    args.size = int(args.size_mb * 1e6)
    args.big = int(args.big_mb * 1e6)
    args.ns = [int(x) for x in args.ns.split(",")]
    args.conds = args.conds.split(",")
    args.variants = args.variants.split(",")
    for c in args.conds:
        if c not in CONDITIONS:
            ap.error(f"unknown condition {c}")
    for v in args.variants:
        if v not in VARIANTS:
            ap.error(f"unknown variant {v}")
    return args


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
    WORK.mkdir(parents=True, exist_ok=True)
    src = make_file(WORK / "image-src.bin", args.size)
    runner = Runner(args, logdir)
    results, big, startup = [], [], {}
    max_n = max(args.ns + [args.big_n if args.big else 1, args.startup_n or 1])
    subprocess.run([str(LAB), "down"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(LAB), "up", str(max_n)], check=True)
    jvm = jvm_startup()

    def progress(r):
        state = f"{fmt(r.mbps)} Mbit/s in {r.seconds:.2f} s" if r.ok else "FAILED " + r.reason
        print(f"[{(time.monotonic() - started) / 60:5.1f} min] {r.cond:9} N={r.n:<2} {r.variant:3} rep{r.rep}: {state}",
              flush=True)

    try:
        for cond in args.conds:
            subprocess.run([str(LAB), "cond", "--shape", CONDITIONS[cond]["shape"], "--loss", CONDITIONS[cond]["loss"]],
                           check=True, stdout=subprocess.DEVNULL)
            for rep in range(1, args.reps + 1):
                for n in args.ns:
                    for v in args.variants:
                        r, _ = runner.run(v, cond, n, src, rep)
                        results.append(r)
                        progress(r)
        if args.big:
            subprocess.run([str(LAB), "cond", "--shape", "1gbit", "--loss", "0"], check=True, stdout=subprocess.DEVNULL)
            big_src = make_file(WORK / "image-big.bin", args.big)
            for v in args.variants:
                r, _ = runner.run(v, "1gbit", args.big_n, big_src, 1)
                big.append(r)
                progress(r)
            big_src.unlink()
        if args.startup_n:
            subprocess.run([str(LAB), "cond", "--shape", "none", "--loss", "0"], check=True, stdout=subprocess.DEVNULL)
            small = make_file(WORK / "image-1mib.bin", 1 << 20)
            for rep in range(1, args.reps + 1):
                for v in args.variants:
                    r, gap = runner.run(v, "startup", args.startup_n, small, rep, capture=(v != "d"))
                    startup.setdefault(v, []).append((r, gap))
                    progress(r)
    finally:
        subprocess.run([str(LAB), "down"], stdout=subprocess.DEVNULL)
        shutil.rmtree(WORK, ignore_errors=True)
    text = report(args, notes, results, big, startup, jvm, time.monotonic() - started, args.variants)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(text)
    print(f"results: {out}\nper-run logs: {logdir}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
