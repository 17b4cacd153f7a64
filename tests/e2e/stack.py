"""The production configuration on this machine, as an operator runs it, for the journeys.

gunicorn with ``campaign.settings.production`` and the collected, hashed static files; the
task worker; a real SMTP server (aiosmtpd) that keeps every message; and a stand-in CDN that
records the PURGE requests Wagtail's frontend cache sends. Only what plain-http localhost
needs is relaxed (no redirect to https); cookies stay Secure, which Chromium accepts on
127.0.0.1.
"""

import email
import email.policy
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Variables of the developer's shell that would change what the stack runs.
_NOT_INHERITED = ("DJANGO_", "JOIN_", "EMAIL_", "GUNICORN_", "PAGE_CACHE", "FRONTEND_CACHE")

# Without these Chromium keeps trying to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout, what, interval=0.2):
    """``condition()``'s first true value, polling until ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


class Mailbox:
    """An SMTP server on 127.0.0.1 that keeps every message it accepts, parsed."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname=HOST, port=free_port())
        self.controller.start()
        self.port = self.controller.port

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted"

    def to(self, address):
        with self._lock:
            return [m for m in self.messages if address in m["To"]]

    def wait_for(self, address, timeout=60):
        """The first message to ``address``; the worker sends it within a sweep window."""
        return wait_for(lambda: self.to(address), timeout, f"an email to {address}")[0]

    def stop(self):
        self.controller.stop()


class PurgeRecorder:
    """A stand-in CDN: records the paths of the PURGE requests it receives."""

    def __init__(self):
        self.paths = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                recorder.paths.append(urllib.parse.urlsplit(self.path).path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((HOST, free_port()), Handler)
        self.url = f"http://{HOST}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


class Database:
    """SQLite in the var directory, or a fresh PostgreSQL database named after the one in
    DATABASE_URL, created for this run and dropped after it."""

    def __init__(self, var_dir, url=""):
        self.admin_url = None
        if url.startswith(("postgres://", "postgresql://")):
            parts = urllib.parse.urlsplit(url)
            name = f"{parts.path.lstrip('/') or 'campaign'}_e2e_{secrets.token_hex(4)}"
            self.name = name
            self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
            self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
            self._admin(f'CREATE DATABASE "{name}"')
        elif url:
            raise SystemExit(f"test-e2e runs on SQLite or PostgreSQL, not {url.split(':')[0]}")
        else:
            self.url = f"sqlite:///{var_dir / 'db.sqlite3'}"

    def _admin(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def drop(self):
        if self.admin_url:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Process:
    """A long-running command of the stack, its output in a log file."""

    def __init__(self, name, command, env, log_dir, ready=None):
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self.log = self.log_path.open("a")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        if ready is not None:
            wait_for(lambda: self._ready(ready), 90, f"{name} to start")

    def _ready(self, check):
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited while starting:\n{self.tail()}")
        return check()

    def tail(self, lines=40):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Stack:
    """Everything an operator starts on one box, on free ports, with a throwaway database."""

    def __init__(self, var_dir, database_url="", redis_url=""):
        self.var_dir = Path(var_dir)
        self.log_dir = self.var_dir / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.database = Database(self.var_dir, database_url)
        self.mailbox = Mailbox()
        self.cdn = PurgeRecorder()
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.secret_key = secrets.token_urlsafe(50)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(_NOT_INHERITED)}
        self.env.update(
            DJANGO_SETTINGS_MODULE="campaign.settings.production",
            DJANGO_SECRET_KEY=self.secret_key,
            CAMPAIGN_VAR_DIR=str(self.var_dir),
            DATABASE_URL=self.database.url,
            PUBLIC_URL=self.url,
            ALLOWED_HOSTS=HOST,
            # Plain http on localhost: nothing else of the production profile is relaxed.
            SECURE_SSL_REDIRECT="0",
            EMAIL_HOST=HOST,
            EMAIL_PORT=str(self.mailbox.port),
            DEFAULT_FROM_EMAIL="statement@example.org",
            JOIN_NOTIFY_EMAILS="editors@example.org",
            EMAIL_SWEEP_SECONDS="1",
            EMAIL_DIGEST_SECONDS="1",
            # Every browser here comes from 127.0.0.1: room for all the journeys' requests.
            JOIN_RATE_LIMIT="100/600",
            JOIN_GLOBAL_RATE_LIMIT="100/600",
            FRONTEND_CACHE_URL=self.cdn.url,
            GUNICORN_BIND=f"{HOST}:{self.port}",
            WEB_CONCURRENCY="2",
            GUNICORN_ACCESS_LOG=str(self.log_dir / "access.log"),
            PYTHONUNBUFFERED="1",
        )
        if redis_url:
            self.env.update(REDIS_URL=redis_url, CACHE_KEY_PREFIX=f"e2e-{secrets.token_hex(4)}")
        else:
            self.env.pop("REDIS_URL", None)
        self.server = self.worker = None
        self.starts = 0

    def manage(self, *args):
        completed = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{completed.stderr}")
        return completed.stdout

    def prepare(self):
        """What a deployment runs once: migrate, collect static files, seed."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("seed_campaign", "--no-dev-admin")

    def start(self):
        self.starts += 1
        self.server = Process(
            f"gunicorn-{self.starts}",
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "campaign.wsgi"],
            self.env,
            self.log_dir,
            ready=lambda: self.status("/join/") == 200,
        )
        self.worker = Process(
            f"worker-{self.starts}",
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "-v", "1"],
            self.env,
            self.log_dir,
            ready=lambda: "Starting worker" in self.worker_log(),
        )

    def worker_log(self):
        path = self.log_dir / f"worker-{self.starts}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def status(self, path):
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def stop(self):
        for process in (self.server, self.worker):
            if process is not None:
                process.stop()
        self.server = self.worker = None

    def rotate_secret_key(self):
        """Restart as an operator rotating the key does: a new key, the old one in the
        fallbacks, the var directory (stored pages included) kept."""
        old = self.secret_key
        self.secret_key = secrets.token_urlsafe(50)
        self.env.update(DJANGO_SECRET_KEY=self.secret_key, DJANGO_SECRET_KEY_FALLBACKS=old)
        self.stop()
        self.start()

    def close(self):
        self.stop()
        self.mailbox.stop()
        self.cdn.stop()
        self.database.drop()
        if self.env.get("REDIS_URL"):
            import redis

            client = redis.Redis.from_url(self.env["REDIS_URL"])
            for key in client.scan_iter(f"{self.env['CACHE_KEY_PREFIX']}*"):
                client.delete(key)

    def failure_report(self):
        parts = []
        for process in (self.server, self.worker):
            if process is not None:
                parts.append(f"--- {process.name} (last lines)\n{process.tail()}")
        return "\n".join(parts)
