from django.utils.autoreload import run_with_reloader
from django_tasks_db.management.commands import db_worker

from home.worker_loop import ResilientWorker
from home.workers import heartbeat


class Command(db_worker.Command):
    help = (
        "Run the database task worker (django-tasks-db's db_worker), keeping a heartbeat "
        "while it runs so restore_database knows not to pull the database from under it, and "
        "waiting out a busy or lost database instead of stopping."
    )

    def handle(self, *args, worker_id, **options):
        with heartbeat(worker_id):
            self.run_worker(worker_id=worker_id, **options)

    def run_worker(self, *, verbosity, queue_name, batch, reload, worker_id, **options):
        """The package's own handle, with the worker that survives database errors."""
        self.configure_logging(verbosity)
        reload = reload and not batch
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id,
        )
        # In the main thread of each process, the reloader's too: where Python lets it.
        worker.configure_signals()
        if reload:
            run_with_reloader(worker.run)
        else:
            worker.run()
