from django_tasks_db.management.commands import db_worker

from home.workers import heartbeat


class Command(db_worker.Command):
    help = (
        "Run the database task worker (django-tasks-db's db_worker), keeping a heartbeat "
        "while it runs so restore_database knows not to pull the database from under it."
    )

    def handle(self, *args, worker_id, **options):
        with heartbeat(worker_id):
            super().handle(*args, worker_id=worker_id, **options)
