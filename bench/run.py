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
import json
import os
import platform
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from load_server import Postgres, free_port, manage, server_env  # noqa: E402

HOST = "127.0.0.1"
SIZES = (156, 2000, 10_000)
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


# --- helpers -------------------------------------------------------------------------------


def inprocess(env, *args):
    result = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [sys.executable, str(BENCH / "inprocess.py"), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: inprocess {args[0]} failed:\n{result.stderr[-3000:]}")
    if args[0] == "profile":
        print(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def fetch(port, path):
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=30) as response:
        return response.status, dict(response.headers), response.read()


class Server:
    """gunicorn with the repository's gunicorn.conf.py, on a free port, until stopped."""

    def __init__(self, env, log, workers, worker_class):
        self.port = free_port()
        server_env = {
            **env,
            "GUNICORN_BIND": f"{HOST}:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_WORKER_CLASS": worker_class,
            # More than one thread turns gunicorn's sync worker into gthread.
            "GUNICORN_THREADS": "1" if worker_class == "sync" else env.get("GUNICORN_THREADS", "4"),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "campaign.wsgi"],
            cwd=ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("bench: gunicorn exited while starting; see the log (--keep)")
            try:
                if fetch(self.port, "/join/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("bench: gunicorn did not answer in time")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def warm_up(port, path, args):
    """Two seconds of the same load, not measured: every worker and thread has served it."""
    wrk(port, path, SimpleNamespace(threads=args.threads, connections=args.connections, seconds=2))


def wrk(port, path, args, script=None, script_args=()):
    """Run wrk; returns requests/s, p50 and p99 in ms, non-2xx/3xx count and the raw output."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s"]
    command += ["--latency", *(("-s", str(script)) if script else ())]
    command += [f"http://{HOST}:{port}{path}", "--", *script_args]
    output = subprocess.run(  # noqa: S603 - wrk with fixed arguments
        command, capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = re.findall(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\b", output, re.M)
    latency = {pct: float(value) * UNITS[unit] for pct, value, unit in percentiles}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rate": rate,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
        "output": output,
    }


def machine():
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu or 'unknown CPU'}, Python {platform.python_version()}"


def postgres_available():
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN, connect_timeout=3):
            return True, ""
    except Exception as exc:  # noqa: BLE001 - any failure means: skip, and say why
        return False, f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:120]}"


# --- the runs ------------------------------------------------------------------------------


def prepare_template(tmp, log):
    """Migrate and seed one SQLite database and collect static files once; sizes copy it."""
    var = tmp / "template"
    env = base_env(var, f"sqlite:///{var / 'db.sqlite3'}")
    manage(env, "migrate", "--noinput", "-v0", log=log)
    manage(env, "seed_campaign", "--no-dev-admin", log=log)
    manage(env, "collectstatic", "--noinput", "-v0", log=log)
    return var


def base_env(var, database_url):
    env = server_env(SimpleNamespace(sqlite_default_transactions=False), var, database_url)
    env.pop("PAGE_CACHE_SECONDS", None)
    env["GUNICORN_ACCESS_LOG"] = ""
    return env


def sqlite_copy(template, var):
    var.mkdir(parents=True)
    shutil.copy(template / "db.sqlite3", var / "db.sqlite3")
    (var / "static").symlink_to(template / "static")
    return f"sqlite:///{var / 'db.sqlite3'}"


def page_run(size, template, tmp, log, args):
    var = tmp / f"size-{size}"
    env = base_env(var, sqlite_copy(template, var))
    inprocess(env, "grow", size)
    measured = inprocess(env, "measure", args.repeat)
    # The ceiling: a file of exactly the page's size, served by WhiteNoise in the same stack.
    static_name = f"bench/page-{size}.html"
    static_file = template / "static" / static_name
    static_file.parent.mkdir(exist_ok=True)
    static_file.write_bytes(b"x" * measured["bytes"])
    if args.profile:
        inprocess(env, "profile", "page")

    results = {"size": size, **measured}
    server = Server({**env, "PAGE_CACHE_SECONDS": "0"}, log, args.workers, args.worker_class)
    try:
        warm_up(server.port, "/", args)
        results["uncached"] = wrk(server.port, "/", args)
        warm_up(server.port, "/static/" + static_name, args)
        results["static"] = wrk(server.port, "/static/" + static_name, args)
    finally:
        server.stop()
    shutil.rmtree(var / "cache", ignore_errors=True)
    server = Server(env, log, args.workers, args.worker_class)
    try:
        warm_up(server.port, "/", args)
        results["cached"] = wrk(server.port, "/", args)
        results["stale_after_approval"] = stale_after_approval(env, server.port)
    finally:
        server.stop()
    return results


def stale_after_approval(env, port, visits=30):
    """Approve from another process, then ask every worker: how many answers miss the name?"""
    name = f"Bench Approval Check {secrets.token_hex(3)}"
    for _ in range(visits):
        fetch(port, "/")  # every worker has the page cached now
    inprocess(env, "approve", name)
    return sum(name.encode() not in fetch(port, "/")[2] for _ in range(visits))


EDITORS = "editors@example.org"


class EmailSink:
    """A real SMTP server on 127.0.0.1 (aiosmtpd, in a thread) that counts what it accepts and
    keeps nothing: the mail relay the task worker sends the join emails to. It counts the
    contacts' acknowledgments, the editors' digests, and the requests the digests list."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.accepted = self.acknowledgments = self.digests = self.listed = 0
        self.controller = Controller(self, hostname=HOST, port=free_port())
        self.controller.start()
        self.port = self.controller.port

    async def handle_DATA(self, server, session, envelope):
        self.accepted += 1
        if EDITORS in envelope.rcpt_tos:
            self.digests += 1
            # One line per request: "- Join: <name> (<state>)".
            body = envelope.content.decode("utf-8", "replace")
            self.listed += len(re.findall(r"^- \w+: ", body, flags=re.M))
        else:
            self.acknowledgments += 1
        return "250 Message accepted"

    def stop(self):
        self.controller.stop()


class TaskWorker:
    """`manage.py db_worker` beside gunicorn, as docs/deploy.md runs it on one box: at a lower
    CPU priority, so visitors come first and emails catch up after a spike. Ready (Django
    loaded, polling the queue) before the load starts, so its start takes no CPU from it."""

    def __init__(self, env, log, niceness):
        self.process = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            ["nice", "-n", str(niceness), sys.executable, "manage.py", "db_worker"]
            + ["--no-startup-delay", "-v", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for line in self.process.stdout:
            log.write(line)
            if "Starting worker" in line:
                break
        else:
            raise SystemExit("bench: the task worker exited while starting; see the log (--keep)")
        threading.Thread(target=self._copy, args=(log,), daemon=True).start()

    def _copy(self, log):
        for line in self.process.stdout:
            log.write(line)

    def stop(self):
        self.process.terminate()
        self.process.wait()


def wait_for_emails(query, expected, sink, limit=600):
    """Seconds until no request has an email due and every request is acknowledged and listed
    in a digest, or None."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        due = query(
            "SELECT COUNT(*) FROM signatories_joinrequest WHERE acknowledgment_due_at IS NOT NULL "
            "OR editors_notice_due_at IS NOT NULL"
        )[0]
        if not due and sink.acknowledgments >= expected and sink.listed >= expected:
            return time.monotonic() - started
        time.sleep(0.2)
    return None


def join_run(label, env, log, args, query):
    """Joins under wrk while the task worker sends their emails to a local SMTP relay."""
    run_id = secrets.token_hex(3)
    sink = EmailSink()
    # The editors' digest every sweep window rather than every 5 minutes, so the drain time
    # measures the worker, not the digest's window.
    env = {**env, "EMAIL_HOST": HOST, "EMAIL_PORT": str(sink.port), "EMAIL_DIGEST_SECONDS": "5"}
    worker = server = None
    try:
        worker = TaskWorker(env, log, args.worker_nice)
        server = Server(env, log, args.workers, args.worker_class)
        for _ in range(4 * args.workers):
            fetch(server.port, "/join/")
        load = wrk(
            server.port,
            "/join/",
            SimpleNamespace(
                threads=args.join_clients,
                connections=args.join_clients,
                seconds=args.join_seconds,
            ),
            script=BENCH / "join.lua",
            script_args=(run_id, f"http://{HOST}:{server.port}"),
        )
        sent_during_load = sink.accepted
        server.stop()  # no request is left on its way in
        # Every request stored has its contact's acknowledgment and a line in an editors'
        # digest.
        all_requests = query("SELECT COUNT(*) FROM signatories_joinrequest")[0]
        drained = wait_for_emails(query, all_requests, sink)
    finally:
        for part in (server, worker, sink):
            if part is not None:
                part.stop()
    outcome = dict(
        re.findall(r"(acks|duplicates|rejected|errors)=(\d+)", load["output"].split("JOIN", 1)[-1])
    )
    stored, distinct = query(
        "SELECT COUNT(*), COUNT(DISTINCT sort_key) FROM signatories_joinrequest "  # noqa: S608 - our own hex
        f"WHERE contact_email LIKE 'bench-{run_id}-%'"
    )
    acks = int(outcome.get("acks", 0))
    return {
        "label": label,
        "rate": acks / args.join_seconds,
        "p50": load["p50"],
        "p99": load["p99"],
        "acks": acks,
        "errors": int(outcome.get("errors", 0)),
        "rejected": int(outcome.get("rejected", 0)),
        "stored": stored,
        "lost": max(0, acks - stored),
        "duplicates": stored - distinct,
        "run_id": run_id,
        "output": load["output"],
        "emails_expected": all_requests,
        "emails_during_load": sent_during_load,
        "emails_sent": sink.accepted,
        "acknowledgments": sink.acknowledgments,
        "digests": sink.digests,
        "digest_lines": sink.listed,
        "emails_drained_after": drained,
    }


# --- the table -----------------------------------------------------------------------------


def ms(timing):
    return f"{timing['median_ms']:.1f} / {timing['p95_ms']:.1f}"


def rate(load):
    return f"{load['rate']:,.0f}"


def lat(load):
    return f"{load['p50']:.1f} / {load['p99']:.1f}"


def emails(join):
    drained = join["emails_drained_after"]
    last = f"the last {drained:.0f} s after it" if drained is not None else "NOT ALL sent"
    return (
        f"emails: {join['emails_during_load']:,} sent during the load; "
        f"{join['acknowledgments']:,} acknowledgments of {join['emails_expected']:,} requests "
        f"and {join['digests']:,} editors' digests listing {join['digest_lines']:,}, {last}"
    )


def table(pages, joins, queries, args, notes):
    header = ["Measure", *(f"{page['size']:,} names" for page in pages)]
    rows = [
        ("SQL queries: cold / list cached / page cached", lambda p: f"{p['queries_cold']} / "
         f"{p['queries_list_cached']} / {p['queries_page_cached']}"),
        ("HTML bytes", lambda p: f"{p['bytes']:,}"),
        ("In-process render, cold (no cache), ms median / p95", lambda p: ms(p["render_cold"])),
        ("In-process render, list cached, ms median / p95", lambda p: ms(p["render_list_cached"])),
        ("In-process, page cached, ms median / p95", lambda p: ms(p["render_page_cached"])),
        ("Page cache off: requests/s", lambda p: rate(p["uncached"])),
        ("Page cache off: p50 / p99 ms", lambda p: lat(p["uncached"])),
        ("Page cached: requests/s", lambda p: rate(p["cached"])),
        ("Page cached: p50 / p99 ms", lambda p: lat(p["cached"])),
        ("Static file, same size: requests/s", lambda p: rate(p["static"])),
        ("Static file: p50 / p99 ms", lambda p: lat(p["static"])),
        ("Cached / static", lambda p: f"{p['cached']['rate'] / p['static']['rate']:.0%}"),
        ("Stale answers after an approval (of 30)", lambda p: str(p["stale_after_approval"])),
    ]  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for label, cell in rows:
        lines.append("| " + " | ".join([label, *(cell(page) for page in pages)]) + " |")
    blank = [""] * (len(header) - 2)
    for join in joins:
        if "skipped" in join:
            skipped = f"| Join ({join['label']}) | skipped: {join['skipped']} |"
            lines.append(skipped + " |" * len(blank))
            continue
        cells = [
            f"**{join['rate']:.0f}/s**, p50 / p99 {lat(join)} ms",
            f"{join['acks']} acknowledged, {join['stored']} stored, lost {join['lost']}, "
            f"duplicated {join['duplicates']}, 5xx/errors {join['errors']}, "
            f"other refusals {join['rejected']}",
            emails(join),
        ]
        while len(cells) < len(header) - 1:
            cells.append("")
        lines.append(f"| Join end to end ({join['label']}) | " + " | ".join(cells) + " |")
    lines.append(
        f"| SQL queries per join: GET form / POST | {queries['join_get']} / {queries['join_post']}"
        f" ({queries['join_post_opening_window']} for the first in an email-sweep window)"
        f" | per approval: {queries['approve']} | signatory UPDATEs per join: "
        f"{queries['signatory_updates_per_join']} |"
    )
    lines.append(
        f"| Join in-process (SQLite), ms median / p95 | GET form {ms(queries['join_get_ms'])}"
        f" | POST {ms(queries['join_post_ms'])} | |"
    )
    return "\n".join(lines)


def ratio(large, small, timing):
    return large[timing]["median_ms"] / small[timing]["median_ms"]


def targets(pages, joins):
    small, large = pages[0], pages[-1]
    checks = [
        (
            "statement page at most 10 SQL queries at every size (cold)",
            all(p["queries_cold"] <= 10 for p in pages),
            ", ".join(str(p["queries_cold"]) for p in pages),
        ),
        (
            f"{large['size']:,}-name render under 4x the {small['size']}-name render "
            "(page cache off, list cached)",
            ratio(large, small, "render_list_cached") < 4,
            f"{ratio(large, small, 'render_list_cached'):.1f}x (cold, nothing cached: "
            f"{ratio(large, small, 'render_cold'):.1f}x)",
        ),
        (
            "cached page at least 80% of the static file's requests/s",
            all(p["cached"]["rate"] >= 0.8 * p["static"]["rate"] for p in pages),
            ", ".join(f"{p['cached']['rate'] / p['static']['rate']:.0%}" for p in pages),
        ),
        (
            "never a stale page after an approval",
            all(p["stale_after_approval"] == 0 for p in pages),
            ", ".join(str(p["stale_after_approval"]) for p in pages),
        ),
    ]
    for join in joins:
        if "skipped" in join:
            continue
        checks.append(
            (
                f"join >= 300/s with p99 < 500 ms, nothing lost or duplicated ({join['label']})",
                join["rate"] >= 300 and join["p99"] < 500 and not join["lost"]
                and not join["duplicates"] and not join["errors"],
                f"{join['rate']:.0f}/s, p99 {join['p99']:.0f} ms, lost {join['lost']}, "
                f"duplicated {join['duplicates']}",
            )
        )  # fmt: skip
        checks.append(
            (
                "every join acknowledged once and listed once in an editors' digest, after the "
                f"load ({join['label']})",
                join["emails_drained_after"] is not None
                and join["acknowledgments"] == join["emails_expected"]
                and join["digest_lines"] == join["emails_expected"],
                f"{join['acknowledgments']:,} acknowledgments and {join['digest_lines']:,} "
                f"digest lines of {join['emails_expected']:,} in {join['digests']:,} digests",
            )
        )
    return "\n".join(
        f"- {'MET' if ok else 'NOT MET'}: {text} ({value})" for text, ok, value in checks
    )


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
    pages, joins = [], []
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
        ]
    )
    Path(args.output).write_text(document + "\n")
    print(document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
