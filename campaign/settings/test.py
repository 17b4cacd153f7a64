"""Test run: fast hashing, mail kept in memory, plain static storage.

DATABASE_URL still applies, so the same suite runs against PostgreSQL in CI.
"""

from .base import *  # noqa: F403
from .environment import env_str

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that check the minimum-time guard set it explicitly.
JOIN_MIN_SECONDS = 0
JOIN_NOTIFY_EMAILS = ["editors@example.org"]
# The test client's own host, so a seeded site's absolute links point where the client asks.
PUBLIC_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Each test process keeps its own caches in memory: never files shared with another run. Only
# Redis stays when REDIS_URL is set (make test-servers), to prove what sharing it gives.
_IN_MEMORY = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {
    **{alias: {"BACKEND": _IN_MEMORY, "LOCATION": alias} for alias in CACHES},  # noqa: F405
    **({"default": CACHES["default"]} if env_str("REDIS_URL") else {}),  # noqa: F405
}
# The generation with those caches: a key of the "pages" cache, cleared with it between tests.
CACHE_GENERATION_FILE = None
WHITENOISE_AUTOREFRESH = True
# Tasks run in the request so tests see their effects; tests of the queue switch backends.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
