#!/usr/bin/env python3
"""A big import beside public joins (`make bench-import`; also part of `make bench`).

On a copy of the seeded SQLite database: gunicorn (production settings) and the task worker
(`nice -n 10 manage.py db_worker`, as on one box) run; `manage.py import_signatories
--background` hands a file of --import-rows new organizations to the worker as an import job; while
the job runs, --import-clients people each GET the join form and POST it, one after another (bench/
join_clients.py), until the job is done. Reported: the joins that failed (anything but the
thank-you redirect), the join POST's p50/p99, whether the task worker stayed alive throughout,
and how long the import took. Standalone, the figures replace the "Import beside joins"
section of bench/results.md.
"""

import argparse
import datetime
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BENCH, HOST, Server, base_env, machine, prepare_template, sqlite_copy
from join_clients import submit
from join_runs import EmailSink, TaskWorker
from load_server import manage

SECTION = "## Import beside joins"
STATES = ["TX", "CA", "NY", "WA", "IL", "national"]


def import_run(template, tmp, log, args):
    """Import rows through a job on the task worker while people send joins."""
    var = tmp / "import-sqlite"
    env = base_env(var, sqlite_copy(template, var))
    sink = EmailSink()
    env = {**env, "EMAIL_HOST": HOST, "EMAIL_PORT": str(sink.port)}
    source = var / "import.csv"
    lines = ["name,state"] + [f"Imported Org {n},{STATES[n % 6]}" for n in range(args.import_rows)]
    source.write_text("\n".join(lines) + "\n")
    database = var / "db.sqlite3"

    def job_status():
        with sqlite3.connect(database, timeout=30) as conn:
            row = conn.execute(
                "SELECT id, status, created_at, finished_at FROM signatories_importjob "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
        conn.close()
        return row

    worker = server = None
    results, stop = [], threading.Event()
    worker_alive = True
    try:
        worker = TaskWorker(env, log, args.worker_nice)
        server = Server(env, log, args.workers, args.worker_class)
        clients = [
            threading.Thread(target=_client, args=(server.port, n, stop, results), daemon=True)
            for n in range(args.import_clients)
        ]
        for client in clients:
            client.start()
        time.sleep(2)  # the joins are under way before the import starts
        started = time.monotonic()
        manage(env, "import_signatories", str(source), "--background", log=log)
        deadline = started + args.import_limit
        status = job_status()
        while status[1] not in ("done", "failed") and time.monotonic() < deadline:
            worker_alive = worker_alive and worker.process.poll() is None
            time.sleep(0.5)
            status = job_status()
        duration = time.monotonic() - started
        worker_alive = worker_alive and worker.process.poll() is None
        stop.set()
        for client in clients:
            client.join(60)
    finally:
        stop.set()
        for part in (server, worker, sink):
            if part is not None:
                part.stop()
    with sqlite3.connect(database) as conn:
        imported = conn.execute(
            "SELECT COUNT(*) FROM signatories_signatory WHERE name LIKE 'Imported Org %'"
        ).fetchone()[0]
    conn.close()
    latencies = sorted(r["latency"] for r in results if "latency" in r)
    return {
        "rows": args.import_rows,
        "clients": args.import_clients,
        "status": status[1],
        "imported": imported,
        "duration": duration,
        "joins": len(results),
        "failed": sum(1 for r in results if r.get("outcome") != "ack"),
        "outcomes": sorted({r.get("outcome", "?") for r in results}),
        "p50": _percentile(latencies, 50),
        "p99": _percentile(latencies, 99),
        "worker_alive": worker_alive,
    }


def _client(port, number, stop, results):
    """One person after another at the join form, until the import is done."""
    sent = 0
    while not stop.is_set():
        sent += 1
        job = {
            "id": sent,
            "org": sent,
            "name": f"Import Bench Joiner {number}-{sent}",
            "state": STATES[sent % 6],
            "contact_email": f"import-bench-{number}-{sent}@example.org",
        }
        results.append(submit(port, job))


def _percentile(values, percent):
    if not values:
        return None
    return values[min(len(values) - 1, round(percent / 100 * (len(values) - 1)))] * 1000


def section(run, notes=""):
    """The figures as a Markdown section of bench/results.md."""
    p50 = "-" if run["p50"] is None else f"{run['p50']:.0f} ms"
    p99 = "-" if run["p99"] is None else f"{run['p99']:.0f} ms"
    rows = [
        "| Rows | Import status | Imported | Import took | Joins sent | Failed joins "
        "| Join POST p50 | Join POST p99 | Task worker alive |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| {run['rows']:,} | {run['status']} | {run['imported']:,} | {run['duration']:.0f} s "
        f"| {run['joins']:,} | {run['failed']} | {p50} | {p99} "
        f"| {'yes' if run['worker_alive'] else 'NO'} |",
    ]
    verdict = (
        "Targets: 0 failed joins, join p99 < 1 s, the worker alive throughout: "
        + (
            "met."
            if run["failed"] == 0 and (run["p99"] or 0) < 1000 and run["worker_alive"]
            else "NOT met."
        )  # fmt: skip
    )
    return "\n\n".join(part for part in (SECTION, notes, "\n".join(rows), verdict) if part)


def replace_section(document, new_section):
    """``document`` with its import section replaced by ``new_section`` (or it appended)."""
    head, found, tail = document.partition(SECTION)
    if not found:
        return document.rstrip("\n") + "\n\n" + new_section + "\n"
    rest = tail.split("\n## ", 1)
    after = "\n## " + rest[1] if len(rest) > 1 else "\n"
    return head + new_section + "\n" + after


def add_arguments(parser):
    parser.add_argument("--import-rows", type=int, default=10_000, help="rows imported (10,000)")
    parser.add_argument(
        "--import-clients", type=int, default=50, help="people joining during the import (50)"
    )
    parser.add_argument(
        "--import-limit", type=int, default=1800, help="seconds the import may take (1800)"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (sync)")
    parser.add_argument("--worker-nice", type=int, default=10, help="the task worker's niceness")
    parser.add_argument("--output", default=str(BENCH / "results.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and logs")
    args = parser.parse_args(argv)
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    log = (tmp / "server.log").open("w")
    try:
        print(f"bench: import of {args.import_rows:,} rows beside joins ...", flush=True)
        run = import_run(prepare_template(tmp, log), tmp, log, args)
    finally:
        log.close()
        if args.keep:
            print(f"bench: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    notes = run_notes(started, load_before, args, argv)
    text = section(run, notes)
    output = Path(args.output)
    output.write_text(replace_section(output.read_text() if output.exists() else "", text))
    print(text)
    return 0 if run["failed"] == 0 and run["worker_alive"] and run["status"] == "done" else 1


def run_notes(started, load_before, args, argv=None):
    return (
        f"Run {started:%Y-%m-%d %H:%M} UTC on {machine()}; load average before the run "
        f"{load_before[0]:.2f}. `bench/import_runs.py "
        f"{' '.join(argv if argv is not None else sys.argv[1:])}`: SQLite (WAL, IMMEDIATE), "
        f"gunicorn.conf.py with {args.workers} {args.worker_class} workers, the task worker "
        f"at `nice -n {args.worker_nice}` writing the import job (batches of at most 200 rows "
        "or 0.06 s, 0.12 s apart), each join a GET of the form and its POST; latency is the "
        "POST's, timed in the bench's own client threads."
    )


if __name__ == "__main__":
    sys.exit(main())
