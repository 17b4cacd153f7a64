"""Production: refuses to start with DEBUG on or without a secret key; pooled database
connections, and media on S3-compatible storage when a bucket is configured."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import env_bool, env_int, env_str

if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
if not SECRET_KEY or len(SECRET_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random string of at least 32 characters."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# On by default so the domain may be submitted to browsers' preload list; set 0 to opt out.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True


def production_database(config):
    """PostgreSQL through psycopg's connection pool; SQLite with persistent connections.

    Opening a connection per request costs more than most of our queries: a PostgreSQL
    handshake, or SQLite's WAL pragmas.
    """
    if config["ENGINE"] == "django.db.backends.postgresql" and env_int("DB_POOL_MAX_SIZE", 4):
        config["CONN_MAX_AGE"] = 0  # the pool keeps the connections instead
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DB_POOL_MIN_SIZE", 1),
            "max_size": env_int("DB_POOL_MAX_SIZE", 4),
            "timeout": env_int("DB_POOL_TIMEOUT", 10),
        }
    else:
        config["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600)
    return config


DATABASES["default"] = production_database(DATABASES["default"])  # noqa: F405


def media_storage():
    """Uploads on S3-compatible storage when a bucket is configured, so no app server keeps
    files of its own; credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            # Images and documents get plain URLs that a CDN can cache.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
            "default_acl": None,
        },
    }


STORAGES = {**STORAGES, "default": media_storage()}  # noqa: F405
