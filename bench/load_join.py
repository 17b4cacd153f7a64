#!/usr/bin/env python3
"""The "nothing lost" load test of the public join form.

Starts the site under gunicorn (production settings, adapted for a local run) on a free port
of 127.0.0.1 against a fresh database it migrates and seeds itself, fires concurrent join
submissions from several client processes (some organizations deliberately submitted twice at
the same moment), then checks the database:

* no server errors (5xx),
* every submission is acknowledged (302 to /join/thanks/) and stored,
* one pending request per organization (normalized name) despite the duplicates: the second
  of a pair is stored as sent again for the first,
* SQLite only: ``PRAGMA integrity_check`` answers ``ok``.

Prints a table and a final ``load_join: PASS`` / ``load_join: FAIL (...)`` line; exits 1 when
a check fails, 2 when the run could not be set up.

    .venv/bin/python bench/load_join.py                     # SQLite in a temp dir
    .venv/bin/python bench/load_join.py --database-url postgres://postgres@127.0.0.1:5432/loadtest
    .venv/bin/python bench/load_join.py --kill-workers      # SIGKILL workers during the load
    .venv/bin/python bench/load_join.py --sqlite-default-transactions   # expected to FAIL

Only the standard library and the project's own dependencies (gunicorn; psycopg for
PostgreSQL). Every request goes to 127.0.0.1, the count and the duration are bounded.
"""

import argparse
import html.parser
import http.client
import importlib.util
import multiprocessing
import os
import random
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
JOIN_PATH = "/join/"
THANKS_PATH = "/join/thanks/"
STATES = ["national", "CA", "NY", "TX", "WA", "IL", "PA", "OH", "GA", "MI", "OR", "MN"]
MAX_SUBMISSIONS = 20_000
MAX_SECONDS = 900


# --- the clients ---------------------------------------------------------------------------


class _FormInputs(html.parser.HTMLParser):
    """The names and values of <input> elements: the CSRF token and the signed start time."""

    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            attrs = dict(attrs)
            if attrs.get("name"):
                self.values.setdefault(attrs["name"], attrs.get("value") or "")


def _request(port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _cookies(headers):
    """The Set-Cookie name=value pairs, sent back by hand: the production CSRF cookie is
    Secure, which only a browser (or cookie jar) would refuse to return over plain HTTP."""
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            if "=" in pair:
                key, val = pair.split("=", 1)
                jar[key.strip()] = val.strip()
    return jar


def submit(port, job):
    """One person: GET the form for cookie and tokens, then POST it. Returns a result dict."""
    result = {"id": job["id"], "email": job["contact_email"], "org": job["org"]}
    try:
        status, headers, body = _request(port, "GET", JOIN_PATH)
        if status != 200:
            result.update(outcome="5xx" if status >= 500 else "rejected", status=status)
            result["phase"] = "GET"
            return result
        inputs = _FormInputs()
        inputs.feed(body.decode("utf-8", "replace"))
        jar = _cookies(headers)
        form = {
            "csrfmiddlewaretoken": inputs.values.get("csrfmiddlewaretoken", ""),
            "started": inputs.values.get("started", ""),
            "homepage": "",
            "name": job["name"],
            "state": job["state"],
            "city": "Springfield",
            "website": "https://example.org",
            "contact_name": "Load Test",
            "contact_email": job["contact_email"],
            "consent": "on",
        }
        data = urllib.parse.urlencode(form).encode()
        post_headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            "Origin": f"http://{HOST}:{port}",
            "Referer": f"http://{HOST}:{port}{JOIN_PATH}",
        }
        began = time.perf_counter()
        status, headers, body = _request(port, "POST", JOIN_PATH, data, post_headers)
        result["latency"] = time.perf_counter() - began
        result["status"] = status
        location = {k.lower(): v for k, v in headers}.get("location", "")
        if status == 302 and urllib.parse.urlsplit(location).path == THANKS_PATH:
            result["outcome"] = "ack"
        elif status >= 500:
            result["outcome"] = "5xx"
        else:
            result["outcome"] = "rejected"
    except (OSError, http.client.HTTPException) as exc:
        result.update(outcome="conn-error", error=f"{type(exc).__name__}: {exc}")
    return result


def client(port, jobs, deadline):
    results = []
    for job in jobs:
        if time.time() > deadline:
            results.append({"id": job["id"], "email": job["contact_email"], "org": job["org"],
                            "outcome": "not-sent"})  # fmt: skip
            continue
        results.append(submit(port, job))
    return results


def plan_jobs(submissions, clients, duplicate_every, run_id):
    """The submissions, ordered so both halves of a duplicate pair sit in the same round on
    two different clients (client c takes order[c::clients]): sent at the same moment."""
    pairs_wanted = submissions // duplicate_every // 2 if duplicate_every and clients > 1 else 0
    singles_wanted = submissions - 2 * pairs_wanted
    rng = random.Random(run_id)
    counter = iter(range(MAX_SUBMISSIONS * 2))

    def org(number):
        return {"org": number, "name": f"Loadtest {run_id} Alliance {number}",
                "state": STATES[number % len(STATES)]}  # fmt: skip

    def job(organization):
        n = next(counter)
        return {**organization, "id": n, "contact_email": f"load-{run_id}-{n}@example.org"}

    singles = deque(org(n) for n in range(singles_wanted))
    pairs = deque(org(singles_wanted + n) for n in range(pairs_wanted))
    order = []
    while singles or pairs:
        slot = len(order) % clients
        share = 2 * len(pairs) / (2 * len(pairs) + len(singles))
        if pairs and (not singles or (slot != clients - 1 and rng.random() < share)):
            organization = pairs.popleft()
            order += [job(organization), job(organization)]
        else:
            order.append(job(singles.popleft()))
    return order, pairs_wanted


# --- the server ----------------------------------------------------------------------------


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
            status, _, _ = _request(port, "GET", JOIN_PATH, timeout=5)
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


# --- the checks ----------------------------------------------------------------------------


def percentile(values, fraction):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=400, help="POSTs in all (400)")
    parser.add_argument("--clients", type=int, default=8, help="client processes (8)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument(
        "--duplicate-every",
        type=int,
        default=10,
        help="one submission in N belongs to an organization sent twice at once (10; 0: none)",
    )
    parser.add_argument("--max-seconds", type=float, default=180, help="load time bound (180)")
    parser.add_argument("--database-url", help="postgres://user@host:port/<fresh name>")
    parser.add_argument(
        "--sqlite-default-transactions",
        action="store_true",
        help="SQLite with Django's default DEFERRED transactions (expected to fail)",
    )
    parser.add_argument(
        "--kill-workers",
        type=int,
        nargs="?",
        const=3,
        default=0,
        metavar="N",
        help="SIGKILL a gunicorn worker N times during the load (3)",
    )
    parser.add_argument(
        "--kill-interval", type=float, default=0.4, help="seconds between kills (0.4)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (db, logs)")
    args = parser.parse_args(argv)

    if importlib.util.find_spec("gunicorn") is None:
        print("load_join: gunicorn is not installed (pip install gunicorn)", file=sys.stderr)
        return 2
    if not (1 <= args.submissions <= MAX_SUBMISSIONS and 1 <= args.clients <= 64):
        parser.error(f"--submissions 1..{MAX_SUBMISSIONS}, --clients 1..64")
    args.max_seconds = min(args.max_seconds, MAX_SECONDS)
    if args.database_url and args.sqlite_default_transactions:
        parser.error("--sqlite-default-transactions is for SQLite only")

    tmp = Path(tempfile.mkdtemp(prefix="load_join-"))
    postgres = Postgres(args.database_url) if args.database_url else None
    server = None
    log_path = tmp / "server.log"
    log = log_path.open("w")
    try:
        if postgres:
            postgres.create()
            database_url = postgres.url
        else:
            database_url = f"sqlite:///{tmp / 'db.sqlite3'}"
        env = server_env(args, tmp, database_url)
        started = time.perf_counter()
        manage(env, "migrate", "--noinput", "-v0", log=log)
        manage(env, "seed_campaign", "--no-dev-admin", log=log)
        manage(env, "collectstatic", "--noinput", "-v0", log=log)
        setup_seconds = time.perf_counter() - started

        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - gunicorn from this interpreter, fixed args
            [sys.executable, "-m", "gunicorn", "campaign.wsgi:application",
             "--bind", f"{HOST}:{port}", "--workers", str(args.workers),
             "--timeout", "60", "--graceful-timeout", "5", "--backlog", "2048",
             *gunicorn_extra_args()],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until_ready(port, server)

        run_id = secrets.token_hex(3)
        order, pairs = plan_jobs(args.submissions, args.clients, args.duplicate_every, run_id)
        per_client = [order[c :: args.clients] for c in range(args.clients)]
        deadline = time.time() + args.max_seconds
        stop, killed = threading.Event(), []
        kill_thread = None
        if args.kill_workers:
            kill_thread = threading.Thread(
                target=killer,
                args=(server.pid, args.kill_workers, args.kill_interval, stop, killed),
                daemon=True,
            )
        began = time.perf_counter()
        if kill_thread:
            kill_thread.start()
        with multiprocessing.get_context("spawn").Pool(args.clients) as pool:
            pending = pool.starmap_async(client, [(port, jobs, deadline) for jobs in per_client])
            results = [r for chunk in pending.get(timeout=args.max_seconds + 120) for r in chunk]
        elapsed = time.perf_counter() - began
        stop.set()
        if kill_thread:
            kill_thread.join()
        # Let gunicorn finish whatever is in flight before the database is read.
        time.sleep(0.5)

        outcomes = Counter(r["outcome"] for r in results)
        acked = {r["email"] for r in results if r["outcome"] == "ack"}
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
            duplicate_groups = postgres.query(dup_sql)
            sent_again = postgres.query(sent_again_sql)[0][0]
            integrity = "n/a (PostgreSQL)"
        else:
            with sqlite3.connect(tmp / "db.sqlite3") as conn:
                stored = {row[0] for row in conn.execute(rows_sql)}
                duplicate_groups = conn.execute(dup_sql).fetchall()
                sent_again = conn.execute(sent_again_sql).fetchone()[0]
                integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
            conn.close()
        missing = sorted(acked - stored)
        duplicates = sum(count - 1 for (count,) in duplicate_groups)
        latencies = [r["latency"] for r in results if "latency" in r]
        locked = log_path.read_text(errors="replace").count("database is locked")

        failures = []
        if outcomes["5xx"]:
            failures.append(f"{outcomes['5xx']} server errors")
        if missing:
            failures.append(f"{len(missing)} acknowledged but missing")
        if duplicates:
            failures.append(f"{duplicates} duplicate rows")
        if not postgres and integrity != "ok":
            failures.append(f"integrity_check: {integrity}")
        if outcomes["not-sent"]:
            failures.append(f"{outcomes['not-sent']} not sent within {args.max_seconds:.0f}s")
        if outcomes["rejected"]:
            failures.append(f"{outcomes['rejected']} rejected for another reason")
        if outcomes["conn-error"] and not args.kill_workers:
            failures.append(f"{outcomes['conn-error']} connection errors")
        if not args.kill_workers and outcomes["ack"] != len(results):
            failures.append("not every submission was acknowledged")
        if args.kill_workers and len(killed) < args.kill_workers:
            failures.append(f"only {len(killed)} of {args.kill_workers} workers killed")

        database = "PostgreSQL" if postgres else "SQLite"
        if not postgres:
            database += f" ({env['SQLITE_TRANSACTION_MODE']})"
        rows = [
            ("database", database),
            ("gunicorn workers / clients", f"{args.workers} / {args.clients}"),
            ("setup (migrate, seed, static)", f"{setup_seconds:.1f} s"),
            ("submissions", f"{len(results)} ({pairs} organizations sent twice at once)"),
            ("acknowledged (302 thanks)", outcomes["ack"]),
            ("stored as sent again for a waiting one", sent_again),
            ("other rejections", outcomes["rejected"]),
            ("5xx", f"{outcomes['5xx']} ('database is locked' in log: {locked})"),
            ("connection errors", outcomes["conn-error"]),
            ("not sent (time bound)", outcomes["not-sent"]),
            ("stored rows", len(stored)),
            ("stored, not acknowledged", len(stored - acked)),
            ("acknowledged, missing", len(missing)),
            ("duplicate pending rows", duplicates),
            ("integrity_check", integrity),
            ("workers SIGKILLed", len(killed) if args.kill_workers else "-"),
            ("wall time", f"{elapsed:.1f} s"),
            ("throughput", f"{len(latencies) / elapsed:.1f} submissions/s"),
            ("POST latency p50 / p99", f"{percentile(latencies, 0.5) * 1000:.0f} / "
                                       f"{percentile(latencies, 0.99) * 1000:.0f} ms"),
        ]  # fmt: skip
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
        if missing:
            print("missing:", ", ".join(missing[:10]))
        errors = [r.get("error") for r in results if r.get("error")]
        if errors:
            print("first connection error:", errors[0])
        if args.keep:
            print(f"kept {tmp} (server.log, db.sqlite3)")
        summary = (
            f"submissions={len(results)} acknowledged={outcomes['ack']} "
            f"duplicate={sent_again} 5xx={outcomes['5xx']} missing={len(missing)} "
            f"duplicates={duplicates}"
        )
        if failures:
            print(f"load_join: FAIL ({'; '.join(failures)}) {summary}")
            return 1
        print(f"load_join: PASS {summary}")
        return 0
    except subprocess.CalledProcessError as exc:
        log.flush()
        print(f"load_join: setup failed: {exc}", file=sys.stderr)
        print(log_path.read_text(errors="replace")[-3000:], file=sys.stderr)
        return 2
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()
        if postgres:
            postgres.drop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
