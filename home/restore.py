"""What restoring a backup must not undo or leave behind.

A backup is a moment of the past: requests whose emails were due then were sent since, and
tasks queued then (email retries, CDN purges) have run since. The database being replaced
knows which, so it is read first and, once the backup is in, what it had dealt with is not
done again. Emails and tasks it did not know of (a restore onto an empty database) stay
queued: sending twice is better than never. Then every cached page, list and route is made
stale (a new cache generation) and the CDN is asked to drop its copies, since the cached
copies show the data the restore replaced.
"""

from dataclasses import dataclass

from django.db import DatabaseError
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from campaign.caching.generation import new_generation, purge_frontend_cache
from signatories.joining import outbox

from .models import WorkerHeartbeat

UNFINISHED = [TaskResultStatus.READY, TaskResultStatus.RUNNING]


@dataclass
class RunState:
    """What the database about to be replaced had done: emails and tasks."""

    emails: tuple
    started_tasks: set


@dataclass
class RestoreReport:
    emails_not_resent: int = 0
    tasks_not_rerun: int = 0


def read_run_state():
    """The replaced database's record of what it sent and ran; None if it has none (empty,
    not migrated, or unreadable)."""
    try:
        started = DBTaskResult.objects.exclude(status=TaskResultStatus.READY)
        started_ids = {str(pk) for pk in started.values_list("pk", flat=True)}
        return RunState(outbox.still_due(), started_ids)
    except DatabaseError:
        return None


def carry_over(state):
    """After the restore: what ``state`` had dealt with is not done again; the caches and the
    CDN let go of the replaced data."""
    report = RestoreReport()
    if state is not None:
        report.emails_not_resent = outbox.keep_due_only(state.emails)
        queued = DBTaskResult.objects.filter(status__in=UNFINISHED).values_list("pk", flat=True)
        ran = [pk for pk in queued if str(pk) in state.started_tasks]
        DBTaskResult.objects.filter(pk__in=ran).delete()
        report.tasks_not_rerun = len(ran)
    # The restored heartbeats are of workers running when the backup was taken.
    WorkerHeartbeat.objects.all().delete()
    new_generation()
    purge_frontend_cache()
    return report
