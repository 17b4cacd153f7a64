"""The task worker keeps a heartbeat, so a restore knows it runs and a worker starting knows
which tasks a dead one left RUNNING."""

import os
import socket
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from home.models import WorkerHeartbeat
from home.workers import running_workers
from signatories.joining.email_tasks import send_due_emails

from ..task_helpers import DATABASE_TASKS

WORKER = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@task()
def workers_seen():
    return [worker.worker_id for worker in running_workers()]


def run_worker_command(worker_id="w-test"):
    call_command("db_worker", "--batch", "--no-startup-delay", "--worker-id", worker_id, "-v", "0")


@WORKER
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_keeps_a_heartbeat_while_it_runs_and_marks_it_stopped_when_it_stops():
    result = workers_seen.enqueue()

    run_worker_command()

    assert DBTaskResult.objects.get(pk=result.id).return_value == ["w-test"]
    stopped = WorkerHeartbeat.objects.get(worker_id="w-test")
    assert stopped.stopped_at is not None
    assert stopped.seen_at == stopped.stopped_at  # when it last ran, for the admin
    assert running_workers() == []


def heartbeat(worker_id, host, pid):
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id, host=host, pid=pid, started_at=now, seen_at=now
    )


@pytest.mark.django_db
def test_a_worker_killed_on_this_machine_is_dead_at_once_and_one_elsewhere_is_trusted():
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    heartbeat("killed-here", socket.gethostname(), finished.pid)
    heartbeat("alive-here", socket.gethostname(), os.getpid())
    heartbeat("elsewhere", "app2", 1234)

    assert sorted(w.worker_id for w in running_workers()) == ["alive-here", "elsewhere"]


@WORKER
@override_settings(TASKS=DATABASE_TASKS)
def test_a_starting_worker_fails_the_tasks_a_dead_worker_left_running():
    left = DBTaskResult.objects.get(pk=send_due_emails.enqueue().id)
    left.claim("dead-worker")  # then SIGKILLed: no heartbeat of it any more
    running = DBTaskResult.objects.get(pk=send_due_emails.enqueue().id)
    running.claim("live-worker")
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="live-worker", host="app2", pid=1, started_at=now, seen_at=now
    )

    run_worker_command()

    left.refresh_from_db()
    running.refresh_from_db()
    assert left.status == "FAILED"
    assert left.exception_class_path == "home.workers.WorkerLost"
    assert "dead-worker" in left.traceback
    assert running.status == "RUNNING"
