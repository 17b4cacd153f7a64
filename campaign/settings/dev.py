"""Local development: debug pages, mail printed to the console."""

from .base import *  # noqa: F403
from .environment import env_bool, env_int, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
# Only for a developer's own machine; production.py refuses to start without a real key.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
JOIN_NOTIFY_EMAILS = JOIN_NOTIFY_EMAILS or ["editors@localhost"]  # noqa: F405
# Trying the join flow locally, the editors' digest shows in the terminal seconds after it.
EMAIL_DIGEST_SECONDS = env_int("EMAIL_DIGEST_SECONDS", 5)
# Serve static files straight from the apps while developing; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
