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
        sqlite_options(config, transaction_mode)
    return config


def sqlite_options(config, transaction_mode="IMMEDIATE"):
    """WAL, a 20 s wait for the write lock, and the folder of a file database made."""
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


def box_cache_database(var_dir):
    """The SQLite file of the cache every process of this machine shares
    (campaign/cache_backends/box.py): its own file, so its writes never wait for the write
    lock that join requests take in the site's database."""
    config = dj_database_url.parse(
        f"sqlite:///{var_dir / 'cache' / 'box.sqlite3'}", conn_max_age=600, conn_health_checks=True
    )
    return sqlite_options(config)


def box_cache():
    """The cache in that file, shared by the processes of this machine."""
    return {
        "BACKEND": "campaign.cache_backends.box.BoxCache",
        "LOCATION": "campaign_cache",
        # A rate-limit count is a row per client address for its window; past this many rows
        # expired ones are dropped first.
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }


def redis_cache(redis_url, key_prefix):
    """Redis with ~100 ms timeouts behind a per-process circuit breaker
    (campaign/cache_backends/breaker.py): a Redis that hangs costs a process one short wait
    per REDIS_BREAKER_SECONDS, not one per cache call."""
    timeout = env_int("REDIS_TIMEOUT_MS", 100) / 1000
    return {
        "BACKEND": "campaign.cache_backends.breaker.BreakerRedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "BREAKER_SECONDS": env_int("REDIS_BREAKER_SECONDS", 10),
        },
    }


def caches_config(var_dir):
    """Every cache is shared by all the processes that must agree on it.

    With REDIS_URL: Redis for the default cache and whole pages, shared by every app server,
    and the box cache ("box") where rate limits count while Redis does not answer. Without:
    the box cache (a SQLite file in var/) is the default cache, and whole pages are files in
    var/, both shared by the processes of this one machine.
    """
    redis_url = env_str("REDIS_URL")
    prefix = env_str("CACHE_KEY_PREFIX", "campaign")
    if redis_url:
        return {
            "default": redis_cache(redis_url, prefix),
            "pages": redis_cache(redis_url, prefix + "-pages"),
            "box": box_cache(),
        }
    return {
        "default": box_cache(),
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(var_dir / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }


def generation_file(var_dir):
    """Where the cache generation is kept on one box (campaign/caching/generation_file.py);
    None with Redis, where it is a key every app server reads."""
    return None if env_str("REDIS_URL") else var_dir / "cache" / "generation"


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
