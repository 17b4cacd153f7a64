"""The task worker's side of import jobs: write one, or undo one, batch by batch.

The worker runs one task at a time, highest priority first. An import goes before the
emails (IMPORT_PRIORITY): an editor is watching its page, and while many people join, the
email sweeps due at any moment would otherwise keep it waiting until the joins stop. The
acknowledgments wait instead, for the few minutes of a big import; every one is sent after.
A task writes for at most TURN_SECONDS and queues the rest as a new task, so no single task
runs for long; a worker stopped mid-turn loses one batch at most, and the job's page then
offers to resume it.
The task row is written in the caller's transaction: the worker never sees a task whose job is
not committed.
"""

from django_tasks import task

from . import job as jobs

TURN_SECONDS = 30
IMPORT_PRIORITY = 10


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
    task_function.using(priority=IMPORT_PRIORITY).enqueue(job_id)


def start(job):
    """Hand a stored job to the task worker."""
    _enqueue(run_import_job, job.pk)


def resume(job):
    jobs.prepare_resume(job)
    start(job)


def roll_back(job, user):
    jobs.prepare_rollback(job, user)
    _enqueue(roll_back_import_job, job.pk)
