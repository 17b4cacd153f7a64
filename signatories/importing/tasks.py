"""The task worker's side of import jobs: write one, or undo one, batch by batch.

One task writes for at most TURN_SECONDS, then queues the rest as a new task: the worker runs
one task at a time, so a 10,000-row import must not keep the join emails and the search
index waiting until it is done. Each turn is queued to run "now" (not "whenever"), which the
database backend orders among the other tasks due by the time they were due, so the import
and the email sweeps take turns. The task row is written in the caller's transaction, so the
worker never sees a task whose job is not committed.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import job as jobs

TURN_SECONDS = 30


class ImportJobStopped(Exception):
    """Recorded as the task's failure under Background tasks; the job's page says more."""


@task()
def run_import_job(job_id):
    _next_turn(run_import_job, jobs.run_job(job_id, seconds=TURN_SECONDS))


@task()
def roll_back_import_job(job_id):
    _next_turn(roll_back_import_job, jobs.roll_back_job(job_id, seconds=TURN_SECONDS))


def _next_turn(task_function, job):
    if job.status == job.Status.FAILED:
        raise ImportJobStopped(f"import {job.pk}: {job.error}")
    if job.status == job.Status.QUEUED:
        _enqueue(task_function, job.pk)


def _enqueue(task_function, job_id):
    if task_function.get_backend().supports_defer:
        # A past instant: due at once, and ordered by it among the tasks already due.
        now = timezone.now() - timedelta(seconds=1)
        task_function.using(run_after=now).enqueue(job_id)
    else:
        task_function.enqueue(job_id)


def start(job):
    """Hand a stored job to the task worker."""
    _enqueue(run_import_job, job.pk)


def resume(job):
    jobs.prepare_resume(job)
    start(job)


def roll_back(job, user):
    jobs.prepare_rollback(job, user)
    _enqueue(roll_back_import_job, job.pk)
