#!/usr/bin/env python3
"""The performance benchmark (`make bench`): one table, printed and written to bench/results.md.

For 156, 2,000 and 10,000 published signatories, each on a fresh SQLite database: the
statement page's SQL queries, HTML bytes and in-process render times (timeit, median/p95), then
gunicorn (gunicorn.conf.py, production settings) under wrk at a fixed concurrency with the
whole-page cache off and on, and a static file of the same size through the same stack
(WhiteNoise) as the ceiling. Then join submissions end to end (GET the form, POST it with its
CSRF token and signed start time; bench/join.lua) on SQLite and, when a server answers at
127.0.0.1:5432, PostgreSQL, with rows checked afterwards, while the task worker runs beside
gunicorn (at `nice -n 10`, as docs/deploy.md runs it on one box) and sends every request's
emails to a local SMTP server, counted until the last is out; and the SQL queries of one join
and one approval.

For the run the environment (never the settings files) switches off the HTTPS redirect, sets a
throwaway secret key and ALLOWED_HOSTS=127.0.0.1, sets JOIN_MIN_SECONDS=0 and raises the join
rate limits (bench/load_server.py's server_env): the output says so.
"""

import argparse
import datetime
import os
import secrets
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    BENCH,
    base_env,
    inprocess,
    machine,
    postgres_available,
    prepare_template,
    sqlite_copy,
)
from import_runs import add_arguments as add_import_arguments
from import_runs import import_run
from import_runs import section as import_section
from join_runs import join_run
from load_server import Postgres, manage
from page_runs import page_run
from results_table import table, targets

SIZES = (156, 2000, 10_000)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="published names")
    parser.add_argument("--seconds", type=int, default=10, help="each wrk run (10)")
    parser.add_argument("--connections", type=int, default=50, help="page runs (50)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads, page runs (2)")
    parser.add_argument("--join-clients", type=int, default=50, help="join connections (50)")
    # Long enough for the email sweeps to run beside the joins for most of the run.
    parser.add_argument("--join-seconds", type=int, default=30, help="each join run (30)")
    parser.add_argument(
        "--worker-nice", type=int, default=10, help="the task worker's niceness (10, as deployed)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument(
        "--worker-class", default="sync", help="gunicorn worker class (gunicorn.conf.py's: sync)"
    )
    parser.add_argument("--repeat", type=int, default=100, help="in-process renders (100)")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL run")
    parser.add_argument("--no-import", action="store_true", help="skip the import run")
    add_import_arguments(parser)
    parser.add_argument("--profile", action="store_true", help="pyinstrument profiles")
    parser.add_argument("--output", default=str(BENCH / "results.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and logs")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("bench: wrk is not installed: `apt-get install wrk` (make bench does it as root)")
        return 2

    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    log_path = tmp / "server.log"
    log = log_path.open("w")
    pages, joins, imported = [], [], None
    try:
        template = prepare_template(tmp, log)
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"bench: statement page with {size:,} names ...", flush=True)
            pages.append(page_run(size, template, tmp, log, args))

        print("bench: join queries and SQLite join load ...", flush=True)
        var = tmp / "join-queries"
        queries = inprocess(base_env(var, sqlite_copy(template, var)), "join-queries", args.repeat)
        var = tmp / "join-sqlite"
        database = var / "db.sqlite3"
        env = base_env(var, sqlite_copy(template, var))
        if args.profile:
            inprocess(env, "profile", "join")

        def sqlite_row(sql):
            with sqlite3.connect(database) as conn:
                return conn.execute(sql).fetchone()

        joins.append(join_run("SQLite, WAL, IMMEDIATE", env, log, args, sqlite_row))

        available, reason = (False, "--no-postgres") if args.no_postgres else postgres_available()
        if not available:
            print(f"bench: PostgreSQL skipped ({reason})")
            joins.append({"label": "PostgreSQL", "skipped": reason})
        else:
            print("bench: PostgreSQL join load ...", flush=True)
            postgres = Postgres(f"postgres://postgres@127.0.0.1:5432/bench_{secrets.token_hex(4)}")
            postgres.create()
            try:
                var = tmp / "join-postgres"
                var.mkdir()
                (var / "static").symlink_to(template / "static")
                env = base_env(var, postgres.url)
                manage(env, "migrate", "--noinput", "-v0", log=log)
                manage(env, "seed_campaign", "--no-dev-admin", log=log)

                def postgres_row(sql):
                    return postgres.query(sql)[0]

                joins.append(join_run("PostgreSQL 127.0.0.1", env, log, args, postgres_row))
            finally:
                postgres.drop()
        if not args.no_import:
            print(f"bench: import of {args.import_rows:,} rows beside joins ...", flush=True)
            imported = import_run(template, tmp, log, args)
    finally:
        log.close()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"bench: kept {tmp}")

    notes = (
        f"Run {started:%Y-%m-%d %H:%M} UTC on {machine()}; load average before the run "
        f"{load_before[0]:.2f} (other processes share these cores).\n"
        f"Command: `make bench` (`{' '.join(['bench/run.py', *(argv or sys.argv[1:])])}`). "
        f"gunicorn.conf.py with {args.workers} {args.worker_class} workers; "
        f"wrk {args.threads} threads x {args.connections} connections for the page, "
        f"{args.seconds} s each; {args.join_clients} connections (one per thread) for the join, "
        f"{args.join_seconds} s on each database.\n"
        "For the run only, through the environment: production settings with a throwaway "
        "secret key, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=0, JOIN_MIN_SECONDS=0 and "
        "the join rate limits raised (JOIN_RATE_LIMIT, JOIN_GLOBAL_RATE_LIMIT = "
        '200000/60); CSRF is checked as always. "Cold" clears every cache before each '
        'render; "list cached" is the page cache off with the list\'s HTML cached; join '
        "latency covers both the GET and the POST requests. During the join runs the task "
        f"worker (`nice -n {args.worker_nice} manage.py db_worker`) runs beside gunicorn, as "
        "docs/deploy.md runs it on one box, and sends each request's acknowledgment, and the "
        "editors' digests (EMAIL_DIGEST_SECONDS=5 for the run), to a local SMTP server "
        "(aiosmtpd in the bench process); the acknowledgment limits are raised with the rate "
        "limits (every bench contact is at example.org)."
    )
    document = "\n\n".join(
        [
            "# Benchmark results",
            notes,
            table(pages, joins, queries, args, notes),
            "Targets:\n\n" + targets(pages, joins),
            *([import_section(imported)] if imported else []),
        ]
    )
    Path(args.output).write_text(document + "\n")
    print(document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
