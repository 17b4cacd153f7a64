"""Import jobs: a confirmed plan stored as an ImportJob, then written batch by batch.

Each batch is one short transaction of at most BATCH_SIZE rows that also records, on the job,
which rows it wrote: public joins wait at most one batch for the database (SQLite has one
writer), a job stopped at any point resumes with the first unwritten row, and a rollback knows
exactly what to undo. The admin runs jobs on the task worker (``tasks``); the command line runs
the same code in its own process.
"""

import logging
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from campaign.caching import one_generation_per_block

from ..models import ImportJob
from ..statement import live_statements
from . import writing
from .planning import plan_import

# A join waiting behind a batch waits a moment: a batch ends at BATCH_SIZE rows or after
# BATCH_SECONDS, whichever comes first (on a busy machine rows are slow).
BATCH_SIZE = 200
BATCH_SECONDS = 0.06
# SQLite has one writer, and a writer waiting for it sleeps between tries, up to 100 ms at a
# time: a batch begun the moment the last one commits takes the lock again before a waiting
# join wakes, batch after batch, until the join gives up. Between batches the import rests a
# little longer than that sleep, so the import holds the database about a third of the time
# (50 people joining during a 10,000-row import: p99 under 1 s, docs/performance.md).
SQLITE_PAUSE_SECONDS = 0.12
# Every import may publish what it adds, so it needs both.
IMPORT_PERMISSIONS = ("signatories.add_signatory", "signatories.publish_signatory")

logger = logging.getLogger(__name__)
Status = ImportJob.Status


def user_can_import(user):
    return user.has_perms(IMPORT_PERMISSIONS)


class PlanChangedError(Exception):
    """The list changed between the preview and the confirmation: nothing was written."""

    def __init__(self, plan):
        super().__init__("the import plan changed since it was previewed")
        self.plan = plan


def statement_revision():
    """The statement text as published now, which the signatories an import adds have signed."""
    statement = live_statements().only("live_revision").first()
    return statement.live_revision if statement else None


def create_job(plan, *, filename, user=None, mode=ImportJob.Mode.PUBLISHED, options=None):
    """Store ``plan``'s changes as a queued job; writes no signatory."""
    return ImportJob.objects.create(
        user=user,
        filename=filename,
        mode=mode,
        options=options or {},
        statement_revision=statement_revision(),
        rows=[writing.stored_row(result) for result in plan.changes],
        skipped=[writing.stored_skip(result) for result in plan.skipped],
        total=len(plan.results),
        unchanged=len(plan.unchanged),
    )


def confirm_job(rows, *, expected_digest, **job_fields):
    """Plan ``rows`` again and store the job if the plan is still the one a person saw;
    raises PlanChangedError otherwise."""
    plan = plan_import(rows)
    if plan.digest() != expected_digest:
        raise PlanChangedError(plan)
    return create_job(plan, **job_fields)


def import_rows(rows, user=None, progress=None, mode=ImportJob.Mode.PUBLISHED, filename=""):
    """Plan ``rows`` and write them now, in this process, through a job; returns the plan."""
    plan = plan_import(rows)
    job = create_job(plan, filename=filename, user=user, mode=mode)
    run_job(job.pk, progress)
    return plan


@dataclass(frozen=True)
class Batch:
    """How much one transaction writes: at most ``size`` rows, and no row started after
    ``seconds`` (None: no time limit); then, on SQLite, ``pause`` seconds for the others
    waiting to write."""

    size: int = BATCH_SIZE
    seconds: float | None = BATCH_SECONDS
    pause: float = SQLITE_PAUSE_SECONDS

    def rest(self):
        if self.pause and connection.vendor == "sqlite":
            time.sleep(self.pause)

    def start(self):
        return _OpenBatch(self, time.monotonic())


@dataclass(frozen=True)
class _OpenBatch:
    limits: Batch
    started: float

    def full(self, count):
        seconds = self.limits.seconds
        too_long = seconds is not None and time.monotonic() - self.started >= seconds
        return count >= self.limits.size or too_long


def run_job(job_id, progress=None, batch=Batch(), seconds=None):
    """Write the job's unwritten rows; returns the job as it ended: done, failed, or queued
    again when ``seconds`` ran out first.

    ``progress`` is called with the number of rows after each batch."""
    statuses = (Status.RUNNING, Status.DONE)
    return _run_batches(job_id, statuses, writing.write_pending, progress, batch, seconds)


def roll_back_job(job_id, progress=None, batch=Batch(), seconds=None):
    """Undo what the job wrote: delete the signatories it added and put back what it changed."""
    statuses = (Status.ROLLING_BACK, Status.ROLLED_BACK)
    return _run_batches(job_id, statuses, writing.undo_pending, progress, batch, seconds)


def prepare_resume(job):
    """Queue a failed or interrupted job again, to write the rows it has not written."""
    job.status = Status.QUEUED
    job.resumes += 1
    job.error = ""
    job.progress_at = timezone.now()
    job.save(update_fields=["status", "resumes", "error", "progress_at"])


def prepare_rollback(job, user=None):
    """Queue the undoing of everything the job wrote, under ``user``."""
    job.status = Status.QUEUED
    job.rollback_requested = True
    job.rolled_back_by = user
    job.error = ""
    job.progress_at = timezone.now()
    fields = ["status", "rollback_requested", "rolled_back_by", "error", "progress_at"]
    job.save(update_fields=fields)


def _run_batches(job_id, statuses, write, progress, batch, seconds):
    running, finished = statuses
    job = ImportJob.objects.get(pk=job_id)
    _set_status(job, running)
    stop_at = None if seconds is None else time.monotonic() + seconds
    try:
        while True:
            with transaction.atomic(), one_generation_per_block():
                # The lock (or SQLite's write lock, taken at BEGIN) makes a second runner of
                # the same job wait, then see what the first one wrote.
                job = ImportJob.objects.select_for_update().get(pk=job_id)
                opened = batch.start()
                count = write(job, opened)
                if not count:
                    break
                job.progress_at = timezone.now()
                job.save(update_fields=["written", "progress_at"])
            if progress:
                progress(count)
            if stop_at is not None and time.monotonic() >= stop_at:
                _set_status(job, Status.QUEUED)  # time is up: the rest waits for its next turn
                return job
            if opened.full(count):  # else it wrote the last rows
                batch.rest()
    except Exception as error:
        logger.exception("import job %s stopped", job_id)
        job = ImportJob.objects.get(pk=job_id)
        job.error = f"{type(error).__name__}: {error}"
        _set_status(job, Status.FAILED)
        return job
    _set_status(job, finished)
    return job


def _set_status(job, status):
    job.status = status
    job.progress_at = timezone.now()
    fields = ["status", "progress_at", "error"]
    if status in (Status.DONE, Status.ROLLED_BACK, Status.FAILED):
        job.finished_at = job.progress_at
        fields.append("finished_at")
    job.save(update_fields=fields)
