"""The product path of the benchmark (variant p): the packaged services driven through the session API.

The launcher (`./imagecast up`) starts PostgreSQL, Kafka and the four services inside the sender's
namespace (icb-s), so the sender-service multicasts on the same shaped e0 as every other sender and
the services talk over that namespace's loopback. The storage group `bench` has the benchmark's image
directory as its image root; the node is the sender-service itself, with e0 as its interface.

A run: create a session for N receivers, wait until session-service reports WAITING_FOR_RECEIVERS,
start the N stock udp-receivers as FOS does, and time from their start to the moment the sender knew
every receiver had every byte: the session's `finishedAt`, which session-service takes from the
sender's TransferCompleted event time (same machine clock as the receivers' start).
"""

import datetime
import json
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

GROUP = "bench"
NODE_ID = "bench-sender"
STATE = Path("/dev/shm/icb-stack")  # tmpfs: the stack's PostgreSQL and Kafka data stay off the disk
SERVICES = ("session-service", "node-registry", "log-service", "sender-service")
TERMINAL = {"COMPLETED", "PARTIAL", "FAILED", "CANCELLED"}
SESSION_API = "http://127.0.0.1:8081/api/v1/sessions"
REGISTRY_API = "http://127.0.0.1:8082/api/v1"


def missing(root):
    """Why the product path cannot run, or None."""
    jars = [root / svc / "target" / "quarkus-app" / "quarkus-run.jar" for svc in SERVICES]
    absent = [str(j.relative_to(root)) for j in jars if not j.is_file()]
    if absent:
        return f"{absent[0]} not built (mvn -B -DskipTests package)"
    broker = root / "libs/kafka-broker/target/classes/io/imagecast/kafka/broker.classpath"
    if not broker.is_file():
        return "the Kafka broker classpath is not built (mvn -B -DskipTests package)"
    return None


class ApiError(RuntimeError):
    pass


class ProductStack:
    """The launcher's stack in the sender's namespace, and the session API calls a run needs."""

    def __init__(self, root, ns, sender_ip, image_root, image_dir, logdir):
        self.root = root
        self.ns = ns
        self.sender_ip = sender_ip
        self.image_root = image_root
        self.image_dir = image_dir
        self.logdir = logdir
        self.token = None

    # Stack ------------------------------------------------------------------------------------------
    def launcher(self, *args, check=True, timeout=300):
        env = dict(os.environ,
                   IMAGECAST_STATE_DIR=str(STATE),
                   IMAGECAST_STORAGE_ROOT=str(self.image_root),
                   IMAGECAST_NODE_ID=NODE_ID,
                   IMAGECAST_NO_BUILD="1",
                   IMAGECAST_READY_TIMEOUT="180")
        log = self.logdir / f"stack-{args[0]}.log"
        with open(log, "ab") as out:
            r = subprocess.run(["ip", "netns", "exec", self.ns, str(self.root / "imagecast"), *args],
                               env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout)
        if check and r.returncode != 0:
            raise ApiError(f"./imagecast {' '.join(args)} in {self.ns} exited {r.returncode} (see {log})")

    def start(self):
        shutil.rmtree(STATE, ignore_errors=True)
        STATE.mkdir(parents=True)
        os.chmod(STATE, 0o755)
        self.launcher("up")
        self.token = (STATE / "token").read_text().strip()
        self.register()

    def stop(self):
        try:
            self.launcher("down", check=False, timeout=120)
        finally:
            shutil.rmtree(STATE, ignore_errors=True)

    def sender_pid(self):
        return int((STATE / "pids" / "sender-service.pid").read_text().split()[0])

    def sender_cpu(self):
        """User + system CPU seconds of the sender-service process so far."""
        fields = Path(f"/proc/{self.sender_pid()}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    # HTTP inside the namespace -------------------------------------------------------------------------
    def call(self, method, url, body=None, headers=None):
        """(status, headers, parsed body) of one call made with curl inside the sender's namespace."""
        argv = ["ip", "netns", "exec", self.ns, "curl", "-sS", "-m", "15", "-D", "-", "-X", method,
                "-H", f"Authorization: Bearer {self.token}"]
        for k, v in (headers or {}).items():
            argv += ["-H", f"{k}: {v}"]
        if body is not None:
            argv += ["-H", "Content-Type: application/json", "--data-binary", json.dumps(body)]
        r = subprocess.run([*argv, url], capture_output=True, timeout=30)
        if r.returncode != 0:
            raise ApiError(f"{method} {url}: curl exit {r.returncode}: {r.stderr.decode(errors='replace').strip()}")
        raw = r.stdout.decode(errors="replace")
        head, _, text = raw.partition("\r\n\r\n")
        while head.startswith("HTTP/1.1 100"):
            head, _, text = text.partition("\r\n\r\n")
        status = int(head.split()[1])
        hdrs = {}
        for line in head.split("\r\n")[1:]:
            k, _, v = line.partition(":")
            hdrs[k.strip().lower()] = v.strip()
        try:
            parsed = json.loads(text) if text.strip() else None
        except ValueError:
            parsed = text
        return status, hdrs, parsed

    def must(self, method, url, body=None, headers=None, ok=(200, 201, 204)):
        status, hdrs, parsed = self.call(method, url, body, headers)
        if status not in ok:
            raise ApiError(f"{method} {url} answered {status}: {parsed}")
        return hdrs, parsed

    # Registration -----------------------------------------------------------------------------------
    def register(self):
        """Group `bench` (image root = the benchmark's images), the sender-service as its master on e0."""
        deadline = time.monotonic() + 60
        while True:  # the node appears once sender-service has heartbeated
            status, _, node = self.call("GET", f"{REGISTRY_API}/nodes/{NODE_ID}")
            if status == 200 and node.get("lastHeartbeat"):
                break
            if time.monotonic() > deadline:
                raise ApiError(f"sender-service sent no heartbeat within 60 s (node {NODE_ID}: {status})")
            time.sleep(0.5)
        group = dict(imageRoot=str(self.image_root), portWindowStart=9000, portWindowEnd=9098,
                     multicastPool=["239.203.0.0/24"], maxSessions=4, autoApplyInterface=False)
        self.must("POST", f"{REGISTRY_API}/groups", dict(name=GROUP, **group))
        hdrs, _ = self.must("GET", f"{REGISTRY_API}/nodes/{NODE_ID}")
        node = dict(group=GROUP, address=self.sender_ip, enabled=True, multicastInterface="e0", maxSessions=4)
        self.must("PUT", f"{REGISTRY_API}/nodes/{NODE_ID}", node, {"If-Match": hdrs["etag"]})
        self.must("PUT", f"{REGISTRY_API}/groups/{GROUP}/master", {"node": NODE_ID})
        deadline = time.monotonic() + 60
        while True:
            _, diagnosis = self.must("GET", f"{REGISTRY_API}/nodes/{NODE_ID}/diagnosis")
            if diagnosis.get("ready"):
                return
            if time.monotonic() > deadline:
                raise ApiError(f"node {NODE_ID} not ready for multicast: {diagnosis.get('problems')}")
            time.sleep(0.5)

    # Sessions ---------------------------------------------------------------------------------------
    def create_session(self, name, file_name, receivers):
        body = dict(name=name, storageGroup=GROUP, image=dict(dir=self.image_dir, files=[file_name]),
                    expectedReceivers=receivers, startTimeoutSeconds=300)
        deadline = time.monotonic() + 30
        key = str(uuid.uuid4())
        while True:
            # 404 or 409 right after registration: session-service learns the group and its master from
            # the registry's events a moment later
            status, _, view = self.call("POST", SESSION_API, body, {"Idempotency-Key": key})
            if status in (200, 201):
                return view["id"]
            if status not in (404, 409) or time.monotonic() > deadline:
                raise ApiError(f"session-service refused the session: {status} {view}")
            time.sleep(0.5)

    def session(self, sid):
        return self.must("GET", f"{SESSION_API}/{sid}")[1]

    def await_waiting(self, sid, timeout=60):
        """The session view once the sender waits for receivers (with its port base)."""
        deadline = time.monotonic() + timeout
        while True:
            view = self.session(sid)
            if view["state"] in TERMINAL:
                raise ApiError(f"session ended before the receivers started: {view['state']} {view.get('reason')}")
            if view["state"] == "WAITING_FOR_RECEIVERS" and view.get("portBase"):
                return view
            if time.monotonic() > deadline:
                raise ApiError(f"sender not waiting after {timeout} s: {view['state']}")
            time.sleep(0.05)

    def cancel(self, sid):
        try:
            self.call("POST", f"{SESSION_API}/{sid}/cancel")
        except (ApiError, subprocess.TimeoutExpired):
            pass

    def await_end(self, sid, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            view = self.session(sid)
            if view["state"] in TERMINAL or time.monotonic() > deadline:
                return view
            time.sleep(0.1)


def epoch(instant):
    """Seconds since the epoch of an ISO-8601 instant from the API (e.g. 2026-12-03T14:01:02.345Z)."""
    return datetime.datetime.fromisoformat(instant.replace("Z", "+00:00")).timestamp()
