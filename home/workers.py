"""Which task workers are running: each ``db_worker`` keeps a heartbeat row while it runs.

The queue's own records (django-tasks-db) show a worker only while it runs a task, and an
idle worker polling the queue is crashed by a restore just the same. So the project's
``db_worker`` command writes a row when it starts, touches it every HEARTBEAT_SECONDS from a
thread of its own, and marks it stopped when it stops (kept a while: the admin shows when a
worker last ran). A worker killed outright (SIGKILL, a lost machine) leaves its row, which
counts as running for STALE_AFTER_SECONDS and then as dead (at once on its own machine,
where its process can be looked for). A worker starting marks
the tasks a dead worker left RUNNING as failed, so the admin's list of background tasks does
not show them running for ever; what they were sending is sent again (signatories' outbox).
"""

import contextlib
import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat
from .retrying import keep_trying

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
STALE_AFTER_SECONDS = 60
# Rows of workers long stopped or dead say nothing the newest one does not.
FORGET_AFTER = timedelta(days=30)


class WorkerLost(Exception):
    """The worker running a task stopped without finishing it (killed, or its machine lost)."""


def running_workers(now=None):
    """The workers seen lately; none when the database has no heartbeat table (not migrated,
    or an empty database a backup is about to fill)."""
    since = (now or timezone.now()) - timedelta(seconds=STALE_AFTER_SECONDS)
    try:
        seen = WorkerHeartbeat.objects.filter(seen_at__gte=since, stopped_at=None).order_by(
            "host", "pid"
        )
        return [worker for worker in seen if _may_be_alive(worker)]
    except DatabaseError:
        return []


def _may_be_alive(worker):
    if worker.host != socket.gethostname():
        return True  # another machine's process: only its heartbeat tells
    try:
        os.kill(worker.pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def fail_abandoned_tasks():
    """Mark as failed the tasks left RUNNING by workers no longer running; how many."""
    alive = {worker.worker_id for worker in running_workers()}
    abandoned = [
        result
        for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        if not result.worker_ids or result.worker_ids[-1] not in alive
    ]
    for result in abandoned:
        worker = result.worker_ids[-1] if result.worker_ids else "unknown"
        result.set_failed(WorkerLost(f"worker {worker} stopped without finishing this task"))
        logger.warning("task %s (%s) was left running by a lost worker", result.pk, worker)
    return len(abandoned)


def fail_tasks_left_by(worker_id):
    """Mark as failed the tasks ``worker_id`` still shows running: called when its loop starts
    again after a database error, which may have struck before a task was marked done."""
    left = [
        result
        for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        if result.worker_ids and result.worker_ids[-1] == worker_id
    ]
    for result in left:
        result.set_failed(
            WorkerLost(f"the database was unavailable while worker {worker_id} ran this task")
        )
        logger.warning("task %s: the database was unavailable while it ran", result.pk)
    return len(left)


def beat(worker_id, started_at):
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
            "stopped_at": None,
        },
    )


def last_seen():
    """When a task worker was last seen running (stopped ones included), or None if never."""
    try:
        return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True)[0]
    except IndexError:
        return None


def _start(worker_id, started_at):
    beat(worker_id, started_at)  # before the first task: a restore right after sees it
    WorkerHeartbeat.objects.filter(seen_at__lt=started_at - FORGET_AFTER).delete()
    fail_abandoned_tasks()


@contextlib.contextmanager
def heartbeat(worker_id):
    """Keep ``worker_id``'s heartbeat while the block runs."""
    started_at = timezone.now()
    # A long write (an import) may hold the database: wait for it rather than not start.
    keep_trying(lambda: _start(worker_id, started_at), f"task worker {worker_id} starting")
    stopped = threading.Event()
    thread = threading.Thread(
        target=_keep_beating, args=(worker_id, started_at, stopped), daemon=True
    )
    thread.start()
    try:
        yield
    finally:
        stopped.set()
        thread.join(timeout=HEARTBEAT_SECONDS)
        try:
            now = timezone.now()
            WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now, stopped_at=now)
        except DatabaseError:
            logger.warning("could not mark worker %s stopped", worker_id)


def _keep_beating(worker_id, started_at, stopped):
    try:
        while not stopped.wait(HEARTBEAT_SECONDS):
            try:
                beat(worker_id, started_at)
            except DatabaseError:
                # A busy or restarting database: the next beat tries again.
                logger.warning("worker %s: heartbeat not written", worker_id, exc_info=True)
    finally:
        connections.close_all()  # this thread's own connection
