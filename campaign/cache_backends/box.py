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

import time

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import router, transaction

# The DATABASES alias of the file, and Django's app label for database cache tables.
CACHE_DATABASE = "cache"
CACHE_APP_LABEL = "django_cache"


class BoxCache(DatabaseCache):
    """Django's database cache with a counter that is atomic across the machine's processes."""

    def count(self, key, window):
        """Count one event under ``key`` and return how many its window holds, the window
        being ``window`` seconds from the first event.

        Django's ``incr`` on a database cache is a read and a write that another process can
        slip between, and it resets the expiry; this holds the file's write lock for both
        (the ``cache`` database runs IMMEDIATE transactions) and keeps the window's end in
        the value.
        """
        database = router.db_for_write(self.cache_model_class)
        with transaction.atomic(using=database):
            now = time.time()
            events, ends = self.get(key) or (0, now + window)
            if ends <= now:
                events, ends = 0, now + window
            events += 1
            # The row's expiry is kept in whole seconds: a second more, never one less.
            self.set(key, (events, ends), timeout=ends - now + 1)
        return events


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
    """After ``migrate``: the box cache's table, if the settings use it (idempotent)."""
    if CACHE_DATABASE in settings.DATABASES:
        call_command("createcachetable", database=CACHE_DATABASE, verbosity=0)
