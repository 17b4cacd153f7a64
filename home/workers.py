"""Which task workers are running: each ``db_worker`` keeps a heartbeat row while it runs.

The queue's own records (django-tasks-db) show a worker only while it runs a task, and an
idle worker polling the queue is crashed by a restore just the same. So the project's
``db_worker`` command writes a row when it starts, touches it every HEARTBEAT_SECONDS from a
thread of its own, and deletes it when it stops. A worker killed outright (SIGKILL, a lost
machine) leaves its row, which counts as running for STALE_AFTER_SECONDS and then as dead.
"""

import contextlib
import logging
import os
import socket
import threading
from datetime import timedelta

from django.db import DatabaseError, connections
from django.utils import timezone

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10
STALE_AFTER_SECONDS = 60


def running_workers(now=None):
    """The workers seen lately; none when the database has no heartbeat table (not migrated,
    or an empty database a backup is about to fill)."""
    since = (now or timezone.now()) - timedelta(seconds=STALE_AFTER_SECONDS)
    try:
        return list(WorkerHeartbeat.objects.filter(seen_at__gte=since).order_by("host", "pid"))
    except DatabaseError:
        return []


def beat(worker_id, started_at):
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )


@contextlib.contextmanager
def heartbeat(worker_id):
    """Keep ``worker_id``'s heartbeat while the block runs."""
    started_at = timezone.now()
    beat(worker_id, started_at)  # before the first task: a restore right after sees it
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
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
        except DatabaseError:
            logger.warning("could not remove the heartbeat of worker %s", worker_id)


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
