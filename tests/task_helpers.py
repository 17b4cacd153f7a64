"""The task queue in tests: the database backend, as in production, and its worker run in the
test's own process."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

# The database queue, as in production (the test settings run tasks at once, in the request).
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """Run every ready task with the package's own worker, as `db_worker --batch` does.

    The command's polling loop claims tasks inside `BEGIN EXCLUSIVE`, which SQLite refuses
    inside the test's transaction; claiming one task at a time here keeps the rest real.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
