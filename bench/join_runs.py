"""Joins end to end under wrk, with the task worker sending their emails to a local SMTP
server, checked in the database afterwards."""

import re
import secrets
import subprocess
import sys
import threading
import time
from types import SimpleNamespace

from harness import BENCH, HOST, ROOT, Server, fetch, free_port, wrk

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
