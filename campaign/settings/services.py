"""The services the site talks to, configured from the environment: the database, the caches
and the CDN to purge."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .environment import env_int, env_str


def database_config(var_dir):
    """Parse DATABASE_URL; SQLite gets WAL and IMMEDIATE transactions.

    IMMEDIATE takes the write lock when a transaction starts, so two concurrent join
    submissions queue on busy_timeout instead of one failing with "database is locked"
    when it tries to upgrade a read lock.
    """
    default_url = f"sqlite:///{var_dir / 'db.sqlite3'}"
    config = dj_database_url.parse(
        env_str("DATABASE_URL") or default_url,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Only the load test (bench/load_join.py --sqlite-default-transactions) changes this,
        # to show what DEFERRED (Django's default) does under concurrent sign-ups.
        transaction_mode = env_str("SQLITE_TRANSACTION_MODE", "IMMEDIATE").upper()
        if transaction_mode not in {"DEFERRED", "IMMEDIATE", "EXCLUSIVE"}:
            raise ImproperlyConfigured(
                "SQLITE_TRANSACTION_MODE must be DEFERRED, IMMEDIATE or EXCLUSIVE, "
                f"got {transaction_mode!r}"
            )
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": transaction_mode,
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                ),
            }
        )
        if config["NAME"] and config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    return config


def cache_config():
    """Redis when REDIS_URL is set, so every app server shares rate limits and cached pages;
    otherwise a per-process memory cache, enough for one process on one machine."""
    redis_url = env_str("REDIS_URL")
    if redis_url:
        return {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "campaign"),
            "OPTIONS": {
                # A cache that stops answering must not hang or break requests: reads miss,
                # writes are dropped, and each failure is logged.
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "campaign"}


def page_cache_config(var_dir):
    """Whole statement pages (campaign/caching/) live where every app server sees them:
    Redis when REDIS_URL is set, otherwise files in the var directory, shared by the
    processes of one machine."""
    redis_url = env_str("REDIS_URL")
    if redis_url:
        config = cache_config()
        config["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", "campaign") + "-pages"
        return config
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(var_dir / "cache" / "pages"),
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }


def frontend_cache_config():
    """A CDN or caching proxy to purge on publish and approval; none unless configured."""
    backends = {}
    if env_str("FRONTEND_CACHE_URL"):
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_URL"),
        }
    if env_str("CLOUDFLARE_ZONE_ID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
            "BEARER_TOKEN": env_str("CLOUDFLARE_API_TOKEN"),
        }
    return backends
