"""Restoring a backup while the site runs: no worker pulled from under, no email sent twice,
no cached page showing what the restore removed."""

import signal
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from home.models import WorkerHeartbeat
from signatories.joining.email_tasks import send_due_emails
from signatories.models import JoinRequest, Signatory

from ..cdn_helpers import paths
from ..factories import JoinRequestFactory, SignatoryFactory
from ..helpers import REPO_ROOT
from ..process_helpers import manage, production_site_environment
from ..task_helpers import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="backups cover SQLite and PostgreSQL"
)
RESTORING = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def backup(tmp_path):
    path = tmp_path / "site.backup"
    call_command("backup_database", "--output", str(path), stdout=StringIO())
    return path


def restore(path, *options):
    out = StringIO()
    call_command("restore_database", str(path), "--yes", *options, stdout=out)
    return out.getvalue()


def heartbeat(seconds_ago):
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=f"worker-{seconds_ago}",
        host="app1",
        pid=4242,
        started_at=now - timedelta(hours=1),
        seen_at=now - timedelta(seconds=seconds_ago),
    )


# --- running workers ------------------------------------------------------------------------


@RESTORING
def test_restore_refuses_while_a_worker_runs_and_says_how_to_go_on(tmp_path):
    path = backup(tmp_path)
    heartbeat(seconds_ago=5)
    SignatoryFactory(name="Added After The Backup")

    with pytest.raises(CommandError, match=r"worker-5 \(pid 4242 on app1\).*--force"):
        restore(path)
    assert JoinRequest.objects.count() == 0
    assert Signatory.objects.filter(name="Added After The Backup").exists()

    restore(path, "--force")
    assert not Signatory.objects.filter(name="Added After The Backup").exists()


@RESTORING
def test_a_worker_silent_for_over_a_minute_is_taken_for_dead(tmp_path):
    path = backup(tmp_path)
    heartbeat(seconds_ago=120)  # SIGKILLed: it never removed its row

    assert "Restored" in restore(path)
    assert not WorkerHeartbeat.objects.exists()


# --- emails and tasks -----------------------------------------------------------------------


def due_request(name):
    now = timezone.now()
    return JoinRequestFactory(name=name, acknowledgment_due_at=now, editors_notice_due_at=now)


@RESTORING
@override_settings(TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5, EMAIL_DIGEST_SECONDS=0)
def test_emails_sent_since_the_backup_are_not_sent_again(tmp_path):
    requests = [due_request(name) for name in ("Casa Latina", "Fresno Food Bank")]
    send_due_emails.enqueue()  # the sweep the form queued, not run yet
    path = backup(tmp_path)
    run_worker()  # after the backup, the worker sends them all
    sent = sorted(m.to[0] for m in mail.outbox)
    assert sent == sorted(["editors@example.org", *(r.contact_email for r in requests)])
    mail.outbox.clear()

    output = restore(path)
    run_worker()
    call_command("send_due_emails", stdout=StringIO())

    assert mail.outbox == []
    assert "not sent again: 4" in output and "not run again: 1" in output
    assert not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


@RESTORING
@override_settings(TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5, EMAIL_DIGEST_SECONDS=0)
def test_emails_still_due_when_the_backup_is_restored_are_sent_once(tmp_path):
    join_request = due_request("Casa Latina")
    path = backup(tmp_path)
    mail.outbox.clear()

    restore(path)
    call_command("send_due_emails", stdout=StringIO())

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["editors@example.org", join_request.contact_email]
    )


# --- caches ---------------------------------------------------------------------------------


@RESTORING
def test_the_public_list_shows_the_restored_data_at_once_and_the_cdn_is_purged(
    tmp_path,
    client,
    site_pages,
    cdn,
):
    path = backup(tmp_path)
    SignatoryFactory(name="Removed By The Restore", state="WA")
    assert "Removed By The Restore" in client.get("/").content.decode()  # stored in the cache
    cdn.clear()

    restore(path)

    assert "Removed By The Restore" not in client.get("/").content.decode()
    assert "/" in paths(cdn)


# --- a real worker --------------------------------------------------------------------------


@pytest.mark.slow
def test_a_running_worker_process_stops_a_restore_until_it_is_stopped(tmp_path):
    env = production_site_environment(tmp_path)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "backup_database", "--output", str(tmp_path / "site.backup"))
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "-v", "1"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for line in worker.stdout:
            if "Starting worker" in line:
                break
        refused = manage(env, "restore_database", str(tmp_path / "site.backup"), "--yes",
                         check=False)  # fmt: skip
        assert refused.returncode == 1
        assert "Task workers are running" in refused.stderr
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)

    restored = manage(env, "restore_database", str(tmp_path / "site.backup"), "--yes")
    assert "Restored" in restored.stdout
