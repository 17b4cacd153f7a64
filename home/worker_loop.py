"""The task worker's loop, kept alive through a database that is busy or away.

django-tasks-db's worker stops for good on a database error it does not expect: on SQLite the
``BEGIN EXCLUSIVE`` of its poll gives up with "database is locked" once a long write (an
import) holds the lock past the busy timeout, and on PostgreSQL a restarted server drops its
connection. Nothing would run again (no emails, no index updates) until someone restarted it.
Here the loop waits and starts again instead (home.retrying).
"""

from django_tasks_db.management.commands.db_worker import Worker

from .retrying import keep_trying
from .workers import fail_tasks_left_by


class ResilientWorker(Worker):
    """django-tasks-db's worker, restarted through database errors instead of stopping."""

    def run(self):
        self.started = False
        keep_trying(self._run_once, f"task worker {self.worker_id}")

    def _run_once(self):
        if self.started:
            # Restarted after an error: a task it had claimed may never have been marked done.
            fail_tasks_left_by(self.worker_id)
            # One random start-up delay is enough: a restart waits its back-off instead.
            self.startup_delay = False
        self.started = True
        return super().run()
