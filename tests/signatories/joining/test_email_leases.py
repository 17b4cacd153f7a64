"""A sweep claims each email with a lease: if its worker dies mid-send, a later sweep sends
what it claimed once the lease runs out, and never while it may still be sending."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from signatories.joining.email_tasks import send_due_emails
from signatories.models import JoinRequest

from ...helpers import REPO_ROOT
from ...process_helpers import last_json_line, manage, production_site_environment, run_python
from ...task_helpers import DATABASE_TASKS
from .mail_helpers import RecordingSMTPHandler, closed_port


class DyingBackend(locmem.EmailBackend):
    """The worker's process ending in the middle of an email, as SIGKILL or a lost machine
    would end it: nothing after this line of the sweep runs."""

    def send_messages(self, messages):
        raise SystemExit("killed mid-send")


def die_mid_sweep():
    with override_settings(EMAIL_BACKEND=f"{__name__}.DyingBackend"), pytest.raises(SystemExit):
        send_due_emails.call()


QUEUED = {"TASKS": DATABASE_TASKS, "EMAIL_SWEEP_SECONDS": 5}


@override_settings(**QUEUED, EMAIL_CLAIM_SECONDS=0)
def test_what_a_dead_sweep_claimed_is_sent_by_the_next_once_its_claim_expires(submit):
    join_request = submit()  # queued, not sent
    die_mid_sweep()
    mail.outbox.clear()

    call_command("send_due_emails", stdout=StringIO())

    assert sorted(m.to[0] for m in mail.outbox) == ["editors@example.org", "maria@example.org"]
    join_request.refresh_from_db()
    assert join_request.acknowledgment_due_at is None


@override_settings(**QUEUED, EMAIL_CLAIM_SECONDS=3600)
def test_a_claim_still_running_is_left_alone(submit):
    join_request = submit()
    die_mid_sweep()
    mail.outbox.clear()

    # Within the claim, the sweep that holds it may still be sending: no second copy.
    send_due_emails.call()
    assert mail.outbox == []

    # Once the claim has run out (the clock moved past it), the next sweep sends it.
    join_request.refresh_from_db()
    assert join_request.acknowledgment_due_at > timezone.now() + timedelta(minutes=59)
    JoinRequest.objects.filter(pk=join_request.pk).update(
        acknowledgment_due_at=timezone.now() - timedelta(seconds=1)
    )
    send_due_emails.call()
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]


# --- a real worker, really killed ----------------------------------------------------------


class StallingSMTPHandler:
    """Takes a message's data and never answers, so the sender waits mid-send."""

    def __init__(self):
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        self.receiving.set()
        await asyncio.sleep(3600)


def smtp(handler):
    from aiosmtpd.controller import Controller

    controller = Controller(handler, hostname="127.0.0.1", port=closed_port())
    controller.start()
    return controller


STORE_A_REQUEST = """
import django
django.setup()
from django.utils import timezone
from signatories.joining import outbox
from signatories.joining.email_tasks import send_due_emails
from signatories.models import JoinRequest
request = JoinRequest(
    name="Casa Latina", state="WA", contact_name="Maria Example",
    contact_email="maria@example.org", consented_at=timezone.now(),
)
outbox.mark_due(request)
request.save()
send_due_emails.enqueue()
"""


TASK_STATUSES = """
import json
import django
django.setup()
from django_tasks_db.models import DBTaskResult
print(json.dumps([
    [r.task_path.rsplit(".", 1)[1], r.status, r.exception_class_path]
    for r in DBTaskResult.objects.all()
]))
"""


@pytest.mark.slow
def test_a_worker_killed_mid_sweep_loses_no_email(tmp_path):
    stalling = StallingSMTPHandler()
    stalled_server = smtp(stalling)
    env = production_site_environment(
        tmp_path,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(stalled_server.port),
        JOIN_NOTIFY_EMAILS="editors@example.org",
        EMAIL_DIGEST_SECONDS="0",
        EMAIL_CLAIM_SECONDS="2",
    )
    manage(env, "migrate", "--noinput", "-v0")
    stored = run_python(STORE_A_REQUEST, env)
    assert stored.returncode == 0, stored.stderr

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert stalling.receiving.wait(120), "the worker never started sending"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()
        stalled_server.stop()

    recording = RecordingSMTPHandler()
    server = smtp(recording)
    try:
        time.sleep(2.5)  # the dead sweep's claim (EMAIL_CLAIM_SECONDS=2) runs out
        manage({**env, "EMAIL_PORT": str(server.port)}, "send_due_emails")
        # The next worker to start marks the dead one's task as failed, not running.
        manage({**env, "EMAIL_PORT": str(server.port)}, "db_worker", "--batch")
    finally:
        server.stop()

    # The acknowledgment the dead sweep was sending, and the editors' digest it never reached.
    assert sorted(to for _, to in recording.messages) == [
        ("editors@example.org",),
        ("maria@example.org",),
    ]
    statuses = last_json_line(run_python(TASK_STATUSES, env))
    assert ["send_due_emails", "FAILED", "home.workers.WorkerLost"] in statuses
    assert not [status for status in statuses if status[1] == "RUNNING"]
