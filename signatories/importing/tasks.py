"""The task worker's side of import jobs: write one, or undo one, batch by batch.

The task row is written by the database backend in the caller's transaction, so the worker
never sees a task whose job is not committed."""

from django_tasks import task

from . import job as jobs


class ImportJobStopped(Exception):
    """Recorded as the task's failure under Background tasks; the job's page says more."""


@task()
def run_import_job(job_id):
    _check(jobs.run_job(job_id))


@task()
def roll_back_import_job(job_id):
    _check(jobs.roll_back_job(job_id))


def _check(job):
    if job.status == job.Status.FAILED:
        raise ImportJobStopped(f"import {job.pk}: {job.error}")


def start(job):
    """Hand a stored job to the task worker."""
    run_import_job.enqueue(job.pk)


def resume(job):
    jobs.prepare_resume(job)
    start(job)


def roll_back(job, user):
    jobs.prepare_rollback(job, user)
    roll_back_import_job.enqueue(job.pk)
