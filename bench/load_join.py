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
    .venv/bin/python bench/load_join.py --redis-url redis://127.0.0.1:6379/9 --hang-redis 1:4

With ``--redis-url`` the site uses that Redis through a proxy (bench/tcp_proxy.py), which
``--hang-redis START:SECONDS`` freezes that long into the load: Redis then accepts and never
answers, as when it is stopped, while the Redis itself keeps serving its other users.

Only the standard library and the project's own dependencies (gunicorn; psycopg for
PostgreSQL; redis with --redis-url). Every request goes to 127.0.0.1, the count and the
duration are bounded.
"""

import argparse
import importlib.util
import multiprocessing
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from join_clients import HOST, MAX_SUBMISSIONS, client, plan_jobs
from load_report import percentile, redis_rows, verdict
from load_server import (
    ROOT,
    HangingRedis,
    Postgres,
    free_port,
    gunicorn_extra_args,
    killer,
    manage,
    read_database,
    server_env,
    wait_until_ready,
)

MAX_SECONDS = 900


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--submissions", type=int, default=400, help="POSTs in all (400)")
    add("--clients", type=int, default=8, help="client processes (8)")
    add("--workers", type=int, default=4, help="gunicorn workers (4)")
    add(
        "--duplicate-every",
        type=int,
        default=10,
        help="one submission in N belongs to an organization sent twice at once (10; 0: none)",
    )
    add("--max-seconds", type=float, default=180, help="load time bound (180)")
    add("--database-url", help="postgres://user@host:port/<fresh name>")
    add(
        "--sqlite-default-transactions",
        action="store_true",
        help="SQLite with Django's default DEFERRED transactions (expected to fail)",
    )
    add(
        "--kill-workers",
        type=int,
        nargs="?",
        const=3,
        default=0,
        metavar="N",
        help="SIGKILL a gunicorn worker N times during the load (3)",
    )
    add("--kill-interval", type=float, default=0.4, help="seconds between kills (0.4)")
    add("--redis-url", help="redis://127.0.0.1:6379/<db>: the cache, through a proxy")
    add("--hang-redis", metavar="START:SECONDS", help="Redis hangs START s in, for SECONDS")
    add("--keep", action="store_true", help="keep the temp dir (db, logs)")
    args = parser.parse_args(argv)  # fmt: skip
    if not (1 <= args.submissions <= MAX_SUBMISSIONS and 1 <= args.clients <= 64):
        parser.error(f"--submissions 1..{MAX_SUBMISSIONS}, --clients 1..64")
    args.max_seconds = min(args.max_seconds, MAX_SECONDS)
    if args.database_url and args.sqlite_default_transactions:
        parser.error("--sqlite-default-transactions is for SQLite only")
    if args.hang_redis:
        if not args.redis_url:
            parser.error("--hang-redis needs --redis-url")
        try:
            args.hang_redis = tuple(float(part) for part in args.hang_redis.split(":"))
            start, seconds = args.hang_redis
        except ValueError:
            parser.error(f"--hang-redis takes START:SECONDS, got {args.hang_redis!r}")
        if not (0 <= start and 0 < seconds <= 60):
            parser.error("--hang-redis: START 0 or more, SECONDS up to 60")
    return args


def load(args, port, server, run_id, redis):
    """Send every submission from the client processes; their results and the seconds taken."""
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
    # The client processes start first, so the kills and the hang fall within the load.
    with multiprocessing.get_context("spawn").Pool(args.clients) as pool:
        began = time.perf_counter()
        if kill_thread:
            kill_thread.start()
        if redis and args.hang_redis:
            redis.hang_later(*args.hang_redis)
        pending = pool.starmap_async(client, [(port, jobs, deadline) for jobs in per_client])
        results = [r for chunk in pending.get(timeout=args.max_seconds + 120) for r in chunk]
    elapsed = time.perf_counter() - began
    stop.set()
    if kill_thread:
        kill_thread.join()
    return results, pairs, elapsed, killed


def main(argv=None):
    args = parse_args(argv)
    if importlib.util.find_spec("gunicorn") is None:
        print("load_join: gunicorn is not installed (pip install gunicorn)", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="load_join-"))
    postgres = Postgres(args.database_url) if args.database_url else None
    run_id = secrets.token_hex(3)
    redis = HangingRedis(args.redis_url, run_id) if args.redis_url else None
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
        if redis:
            env.update(redis.env())
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

        results, pairs, elapsed, killed = load(args, port, server, run_id, redis)
        # Let gunicorn finish whatever is in flight before the database is read.
        time.sleep(0.5)

        outcomes = Counter(r["outcome"] for r in results)
        acked = {r["email"] for r in results if r["outcome"] == "ack"}
        stored, duplicate_groups, sent_again, integrity = read_database(postgres, tmp, run_id)
        missing = sorted(acked - stored)
        duplicates = sum(count - 1 for (count,) in duplicate_groups)
        latencies = [r["latency"] for r in results if "latency" in r]
        log.flush()
        log_text = log_path.read_text(errors="replace")
        locked = log_text.count("database is locked")
        hung = redis.hung_between() if redis else None
        failures = verdict(
            args, outcomes, results, missing, duplicates, integrity, killed, hung, postgres
        )

        database = "PostgreSQL" if postgres else "SQLite"
        if not postgres:
            database += f" ({env['SQLITE_TRANSACTION_MODE']})"
        rows = [
            ("database", database),
            *redis_rows(args, redis, results, log_text),
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
        if redis:
            redis.close()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
