"""A component as the launcher sees it, for launcher-test.sh.

Listens on its port (QUARKUS_HTTP_PORT, or --port for the broker and postgres) and answers
/q/health/ready: 200, or 503 with a Quarkus-style body naming the check written in
$FAKE_CONTROL/<component>.down when that file exists. On SIGTERM it answers 503 and exits after the
seconds in $FAKE_CONTROL/<component>.stop-seconds (0 without that file), like a service shutting down.
"""
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

args = sys.argv[1:]
component = next((a.split("=", 1)[1] for a in args if a.startswith("-Dimagecast.component=")), "?")
port = int(args[args.index("--port") + 1]) if "--port" in args else int(os.environ["QUARKUS_HTTP_PORT"])
control = os.environ["FAKE_CONTROL"]
stopping = threading.Event()


def say(text):
    print(f"fake {component} (pid {os.getpid()}): {text}", flush=True)


class Health(BaseHTTPRequestHandler):
    def do_GET(self):
        down = os.path.join(control, component + ".down")
        if stopping.is_set():
            status, checks = 503, [{"name": "shutting down", "status": "DOWN"}]
        elif os.path.exists(down):
            with open(down) as f:
                status, checks = 503, [{"name": f.read().strip(), "status": "DOWN"}]
        else:
            status, checks = 200, []
        body = json.dumps({"status": "UP" if status == 200 else "DOWN", "checks": checks}, indent=4).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def on_term(*_):
    stopping.set()
    seconds_file = os.path.join(control, component + ".stop-seconds")
    seconds = float(open(seconds_file).read()) if os.path.exists(seconds_file) else 0
    say(f"stopping in {seconds}s")

    def leave():
        time.sleep(seconds)
        say("stopped")
        os._exit(0)

    threading.Thread(target=leave, daemon=True).start()


signal.signal(signal.SIGTERM, on_term)
try:
    server = HTTPServer(("127.0.0.1", port), Health)
except OSError as e:
    say(f"Port {port} already in use: {e}")
    sys.exit(1)
say(f"listening on {port}")
if component == "kafka":
    print("[KafkaServer id=1] Kafka Server started", flush=True)
server.serve_forever()
