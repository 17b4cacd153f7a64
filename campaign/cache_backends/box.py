"""The cache the processes of one machine share: Django's database cache, in a SQLite file of
its own under var/ (the ``cache`` database).

Without Redis it is the default cache, so rate limits, the email sweep's key and everything
else in the cache hold for every gunicorn worker and the task worker, not one process each;
with Redis it is where the rate limits count while Redis does not answer.

Why a database cache, and why its own file: Django's file cache writes each value to a new
file and lists the whole directory on every write (milliseconds each here) and, when full,
drops entries at random, rate-limit counts included; the database cache drops expired rows
first. In the site's own SQLite database, though, every cache write would queue for the one
write lock that join requests need. A file of its own has its own lock, and a write there
costs tens of microseconds. Its table is created by ``migrate`` (``create_cache_table``).
"""

import random
import time

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connections, router

# The DATABASES alias of the file, and Django's app label for database cache tables.
CACHE_DATABASE = "cache"
CACHE_APP_LABEL = "django_cache"
# Counts and claims, one row a key: a table of this cache's own beside Django's cache table.
COUNTS_TABLE = "box_event_counts"
# One call in this many also deletes the rows whose window has ended.
PRUNE_EVERY = 500


class BoxCache(DatabaseCache):
    """Django's database cache with counters and claims that are atomic across the
    machine's processes, each one SQL statement.

    Django's ``incr`` and ``add`` on a database cache read, then write (another process can
    slip between the two), count the whole table to decide whether to cull it, and ``incr``
    resets the expiry. A rate limit counts on every join, and a join spends a start token, so
    these are single upserts on a table of their own instead.
    """

    def count(self, key, window):
        """Count one event under ``key`` and return how many its window holds, the window
        being ``window`` seconds from the first event."""
        now = time.time()
        return self._upsert(
            "events = CASE WHEN ends <= %s THEN 1 ELSE events + 1 END, "
            "ends = CASE WHEN ends <= %s THEN excluded.ends ELSE ends END",
            [now, now],
            key,
            now + window,
        )

    def claim(self, key, seconds):
        """Hold ``key`` for ``seconds``; False if it is held already. The ``add`` of a flag
        that only says "someone was first" (a spent start token, a scheduled sweep)."""
        now = time.time()
        held = self._upsert(
            "events = 1, ends = excluded.ends WHERE ends <= %s", [now], key, now + seconds
        )
        return held is not None

    def clear(self):
        super().clear()
        with connections[self._database()].cursor() as cursor:
            cursor.execute(f"DELETE FROM {COUNTS_TABLE}")  # noqa: S608 - a constant name

    def _upsert(self, update, update_params, key, ends):
        # One statement: SQLite takes the file's write lock for it, so no other process
        # counts between its read and its write.
        with connections[self._database()].cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {COUNTS_TABLE} (cache_key, events, ends) VALUES (%s, 1, %s) "  # noqa: S608
                f"ON CONFLICT (cache_key) DO UPDATE SET {update} RETURNING events",
                [self.make_key(key), ends, *update_params],
            )
            row = cursor.fetchone()
            if random.random() < 1 / PRUNE_EVERY:  # noqa: S311 - spreading work, not a secret
                cursor.execute(f"DELETE FROM {COUNTS_TABLE} WHERE ends <= %s", [time.time()])  # noqa: S608
        return row[0] if row else None

    def _database(self):
        return router.db_for_write(self.cache_model_class)


class BoxCacheRouter:
    """Database cache tables live in the ``cache`` database, and nothing else does."""

    def db_for_read(self, model, **hints):
        return CACHE_DATABASE if model._meta.app_label == CACHE_APP_LABEL else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        if db == CACHE_DATABASE or app_label == CACHE_APP_LABEL:
            return db == CACHE_DATABASE and app_label == CACHE_APP_LABEL
        return None


def create_cache_table(**_signal_kwargs):
    """After ``migrate``: the box cache's tables, if the settings use it (idempotent)."""
    if CACHE_DATABASE in settings.DATABASES:
        call_command("createcachetable", database=CACHE_DATABASE, verbosity=0)
        with connections[CACHE_DATABASE].cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {COUNTS_TABLE} ("
                "cache_key TEXT PRIMARY KEY, events INTEGER NOT NULL, ends REAL NOT NULL"
                ") WITHOUT ROWID"
            )
