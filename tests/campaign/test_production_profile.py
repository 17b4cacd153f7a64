"""The production settings for one box and for many: what each environment gives."""

import os
from urllib.parse import urlsplit

import pytest

from ..process_helpers import PRODUCTION_TEST_KEY as KEY
from ..process_helpers import last_json_line, production_environment, run_python

# The settings module alone, as Django reads it: no app needs to start for this.
SHOW_SETTINGS = """
import importlib, json
settings = importlib.import_module("campaign.settings.production")
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"],
    "conn_max_age": db["CONN_MAX_AGE"],
    "pool": db.get("OPTIONS", {}).get("pool"),
    "caches": {alias: c["BACKEND"] for alias, c in settings.CACHES.items()},
    "cache_locations": {alias: c["LOCATION"] for alias, c in settings.CACHES.items()},
    "cache_options": {alias: c.get("OPTIONS", {}) for alias, c in settings.CACHES.items()},
    "cache_database": settings.DATABASES["cache"]["NAME"],
    "session_engine": settings.SESSION_ENGINE,
    "media": settings.STORAGES["default"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "middleware": settings.MIDDLEWARE,
    "frontend_cache": settings.WAGTAILFRONTENDCACHE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
}))
"""


def production_settings(tmp_path, **env):
    return last_json_line(run_python(SHOW_SETTINGS, production_environment(tmp_path, **env)))


def test_one_box_default_sqlite_with_persistent_connections_and_shared_page_cache(tmp_path):
    config = production_settings(tmp_path)
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["conn_max_age"] == 600
    assert config["pool"] is None
    # Rate limits, the email sweep's key and the page cache's generation must be seen by
    # every gunicorn worker: files on the box, not memory.
    assert config["caches"] == {
        "default": "campaign.cache_backends.box.BoxCache",
        "pages": "django.core.cache.backends.filebased.FileBasedCache",
    }
    assert config["cache_database"] == str(tmp_path / "var" / "cache" / "box.sqlite3")
    assert config["cache_locations"]["pages"].startswith(str(tmp_path / "var"))
    # Sessions in the database: a logout ends them for every worker.
    assert config["session_engine"] == "django.contrib.sessions.backends.db"
    assert config["media"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in config["middleware"]
    assert config["frontend_cache"] == {}
    assert config["ssl_redirect"] is True


def test_postgres_gets_psycopg_connection_pool(tmp_path):
    config = production_settings(
        tmp_path, DATABASE_URL="postgres://postgres@db.internal:5432/campaign", DB_POOL_MAX_SIZE="6"
    )
    assert config["engine"] == "django.db.backends.postgresql"
    # Django refuses persistent connections together with a pool.
    assert config["conn_max_age"] == 0
    assert config["pool"] == {"min_size": 1, "max_size": 6, "timeout": 10}


def test_postgres_pool_can_be_swapped_for_persistent_connections(tmp_path):
    config = production_settings(
        tmp_path,
        DATABASE_URL="postgres://postgres@db.internal:5432/campaign",
        DB_POOL_MAX_SIZE="0",
        DB_CONN_MAX_AGE="120",
    )
    assert config["pool"] is None
    assert config["conn_max_age"] == 120


def test_redis_holds_cache_and_pages_behind_a_breaker_with_the_box_as_fallback(tmp_path):
    config = production_settings(
        tmp_path, REDIS_URL="redis://cache.internal:6379/0", REDIS_TIMEOUT_MS="250"
    )
    assert config["caches"] == {
        "default": "campaign.cache_backends.breaker.BreakerRedisCache",
        "pages": "campaign.cache_backends.breaker.BreakerRedisCache",
        # Where rate limits count while Redis does not answer.
        "box": "campaign.cache_backends.box.BoxCache",
    }
    assert config["cache_locations"]["pages"] == "redis://cache.internal:6379/0"
    assert config["cache_options"]["default"] == {
        "SOCKET_CONNECT_TIMEOUT": 0.25,
        "SOCKET_TIMEOUT": 0.25,
        "BREAKER_SECONDS": 10,
    }
    # Sessions in the database only: no local state, and nothing a cache outage could keep.
    assert config["session_engine"] == "django.contrib.sessions.backends.db"


def test_s3_media_when_a_bucket_is_configured(tmp_path):
    config = production_settings(
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="campaign-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_REGION_NAME="eu-west-1",
    )
    assert config["media"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = config["media"]["OPTIONS"]
    assert options["bucket_name"] == "campaign-media"
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["region_name"] == "eu-west-1"
    assert options["file_overwrite"] is False


def test_frontend_cache_purge_backends_come_from_the_environment(tmp_path):
    config = production_settings(
        tmp_path,
        FRONTEND_CACHE_URL="http://varnish.internal:6081",
        CLOUDFLARE_ZONE_ID="zone123",
        CLOUDFLARE_API_TOKEN="token456",
    )
    backends = config["frontend_cache"]
    assert backends["http"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://varnish.internal:6081",
    }
    assert backends["cloudflare"]["ZONEID"] == "zone123"
    assert backends["cloudflare"]["BEARER_TOKEN"] == "token456"


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="DATABASE_URL is not PostgreSQL: no server to open a pool against",
)
def test_the_pool_opens_real_connections(tmp_path):
    script = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'campaign.settings.production'\n"
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c: c.execute('SELECT 1'); print(c.fetchone()[0])\n"
        "print(type(connection.pool).__name__)\n"
    )
    # The server's maintenance database: the suite's own test database is not made yet.
    server = urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()
    env = {
        **os.environ,
        "DATABASE_URL": server,
        "DJANGO_SECRET_KEY": KEY,
        "CAMPAIGN_VAR_DIR": str(tmp_path),
    }
    result = run_python(script, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "ConnectionPool"]


def test_gunicorn_config_is_valid_and_reads_the_environment():
    script = (
        "from gunicorn.config import Config\n"
        "import runpy\n"
        "values = runpy.run_path('gunicorn.conf.py')\n"
        "config = Config()\n"
        "for name in ('workers', 'worker_class', 'threads', 'bind', 'control_socket_disable'):\n"
        "    config.set(name, values[name])\n"
        "print(config.workers, values['worker_class'], config.threads, config.bind[0])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "WEB_"))}
    result = run_python(script, {**env, "WEB_CONCURRENCY": "3", "PORT": "9001"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["3", "sync", "1", "127.0.0.1:9001"]
    result = run_python(script, {**env, "GUNICORN_WORKER_CLASS": "gthread"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:3] == ["gthread", "4"]
