"""Waiting out a database that is busy or away, with a wait that doubles each time.

On SQLite a long write (an import) holds the write lock past the busy timeout and others get
"database is locked"; on PostgreSQL a restarted server drops its connections. Code that must
outlive that (the task worker) logs a warning and tries again, up to a minute apart, so a
database that stays away is not hammered.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

# Errors of a database that cannot be reached or is busy; others are bugs and still stop it.
UNAVAILABLE = (OperationalError, InterfaceError)


class Backoff:
    """Waits of ``first``, twice that, and so on up to ``longest`` seconds. Work that ran for
    longer than ``longest`` before failing again starts the waits over: the database had come
    back in between."""

    def __init__(self, first=1.0, longest=60.0):
        self.first = first
        self.longest = longest
        self.next_wait = first

    def wait_after(self, ran_for):
        if ran_for > self.longest:
            self.next_wait = self.first
        wait = self.next_wait
        self.next_wait = min(wait * 2, self.longest)
        return wait


def keep_trying(operation, what, backoff=None, sleep=time.sleep):
    """Run ``operation`` until it returns, waiting out a database that is unavailable."""
    backoff = backoff or Backoff()
    while True:
        started = time.monotonic()
        try:
            return operation()
        except UNAVAILABLE as error:
            wait = backoff.wait_after(time.monotonic() - started)
            logger.warning("%s: database unavailable (%s); trying again in %g s", what, error, wait)
            # A broken connection is replaced on the next query; a healthy one is kept.
            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()
            sleep(wait)
