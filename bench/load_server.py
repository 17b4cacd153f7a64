"""The load test's server side: gunicorn's environment, a fresh PostgreSQL database, the
workers to kill, and Redis behind a proxy that can hang (bench/tcp_proxy.py).

Used by bench/load_join.py and bench/run.py; every address is on 127.0.0.1.
"""

import os
import random
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from join_clients import HOST, JOIN_PATH, MAX_SUBMISSIONS, request

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(args, var_dir, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOIN_"))}
    for name in ("DATABASE_URL", "REDIS_URL", "SQLITE_TRANSACTION_MODE", "TRUSTED_PROXY_COUNT"):
        env.pop(name, None)
    limit = f"{MAX_SUBMISSIONS * 10}/60"
    env.update(
        DJANGO_SETTINGS_MODULE="campaign.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="0",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        CAMPAIGN_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        JOIN_MIN_SECONDS="0",
        JOIN_RATE_LIMIT=limit,
        JOIN_GLOBAL_RATE_LIMIT=limit,
        # Every contact here is at example.org: acknowledge them all.
        JOIN_ACK_ADDRESS_LIMIT=limit,
        JOIN_ACK_DOMAIN_LIMIT=limit,
        JOIN_NOTIFY_EMAILS="editors@example.org",
        SQLITE_TRANSACTION_MODE="DEFERRED" if args.sqlite_default_transactions else "IMMEDIATE",
        CAMPAIGN_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *command, log):
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


class Postgres:
    """A fresh database named by --database-url: created here, dropped afterwards."""

    def __init__(self, url):
        import psycopg  # the project's `postgres` extra

        self.psycopg = psycopg
        parts = urllib.parse.urlsplit(url)
        self.name = parts.path.lstrip("/")
        if not self.name or not self.name.replace("_", "").isalnum():
            raise SystemExit(f"--database-url needs a plain database name, got {self.name!r}")
        self.url = url
        self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))

    def create(self):
        with self.psycopg.connect(self.admin_url, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
            if exists:
                raise SystemExit(f"database {self.name!r} already exists; pick a fresh name")
            conn.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        with self.psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def query(self, sql):
        with self.psycopg.connect(self.url) as conn:
            return conn.execute(sql).fetchall()


def read_database(postgres, tmp, run_id):
    """The stored contact emails of this run, the duplicate pending rows, how many were stored
    as sent again for a waiting one, and integrity."""
    where = f"contact_email LIKE 'load-{run_id}-%'"
    rows_sql = f"SELECT contact_email FROM signatories_joinrequest WHERE {where}"  # noqa: S608
    sent_again_sql = (
        f"SELECT COUNT(*) FROM signatories_joinrequest WHERE {where} "  # noqa: S608
        "AND status = 'duplicate'"
    )
    dup_sql = (
        "SELECT COUNT(*) FROM signatories_joinrequest WHERE status = 'pending' "
        "GROUP BY kind, level, state, sort_key HAVING COUNT(*) > 1"
    )
    if postgres:
        stored = {row[0] for row in postgres.query(rows_sql)}
        sent_again = postgres.query(sent_again_sql)[0][0]
        return stored, postgres.query(dup_sql), sent_again, "n/a (PostgreSQL)"
    with sqlite3.connect(tmp / "db.sqlite3") as conn:
        stored = {row[0] for row in conn.execute(rows_sql)}
        duplicate_groups = conn.execute(dup_sql).fetchall()
        sent_again = conn.execute(sent_again_sql).fetchone()[0]
        integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    conn.close()
    return stored, duplicate_groups, sent_again, integrity


def worker_pids(master_pid):
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master_pid:
                pids.append(int(entry.name))
    return pids


def gunicorn_extra_args():
    """Gunicorn 25+ opens a control socket in ~/.gunicorn by default: not for a throwaway run."""
    from gunicorn.config import KNOWN_SETTINGS

    if any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS):
        return ["--no-control-socket"]
    return []


def wait_until_ready(port, server, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited while starting; see its log (--keep)")
        try:
            status, _, _ = request(port, "GET", JOIN_PATH, timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the site did not answer GET /join/ with 200 in time")


def killer(master_pid, times, interval, stop, killed):
    rng = random.Random()
    while len(killed) < times and not stop.wait(interval):
        pids = worker_pids(master_pid)
        if pids:
            pid = rng.choice(pids)
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except ProcessLookupError:
                pass


class HangingRedis:
    """The machine's Redis behind a proxy that can hang, with this run's own key prefix: the
    Redis itself, shared with others, is never stopped, and the run's keys are removed."""

    def __init__(self, url, run_id):
        from tcp_proxy import FreezableProxy

        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "redis" or parts.hostname not in {"127.0.0.1", "localhost"}:
            raise SystemExit(f"--redis-url must be redis://127.0.0.1:PORT/DB, got {url!r}")
        self.url = url
        self.db = parts.path.lstrip("/") or "0"
        self.prefix = f"load-join-{run_id}"
        self.proxy = FreezableProxy((parts.hostname, parts.port or 6379))
        self.stop = threading.Event()
        self.times = []
        self.thread = None

    def env(self):
        return {"REDIS_URL": self.proxy.url(self.db), "CACHE_KEY_PREFIX": self.prefix}

    def hang_later(self, start, seconds):
        from tcp_proxy import hang_during

        self.thread = threading.Thread(
            target=hang_during,
            args=(self.proxy, start, seconds, self.stop, self.times),
            daemon=True,
        )
        self.thread.start()

    def hung_between(self):
        """The wall-clock times Redis hung from and to, or None if it never did."""
        return tuple(self.times) if len(self.times) == 2 else None

    def close(self):
        self.stop.set()
        if self.thread is not None:
            self.thread.join()
        self.proxy.close()
        import redis  # the project's redis extra, which the server needs anyway

        client = redis.Redis.from_url(self.url)
        for key in client.scan_iter(f"{self.prefix}*"):
            client.delete(key)
        client.close()
