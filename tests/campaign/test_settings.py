"""Production settings refuse unsafe configuration; the database settings suit SQLite."""

import json
import os

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

from campaign.settings.services import database_config

from ..process_helpers import run_python

SETUP_PRODUCTION = (
    "import django, os; "
    "os.environ['DJANGO_SETTINGS_MODULE'] = 'campaign.settings.production'; "
    "django.setup(); "
    "from django.conf import settings; "
    "print('DEBUG', settings.DEBUG, 'SSL', settings.SECURE_SSL_REDIRECT)"
)
SHOW_KEY_FALLBACKS = (
    "import django, json, os; "
    "os.environ['DJANGO_SETTINGS_MODULE'] = 'campaign.settings.production'; "
    "django.setup(); "
    "from django.conf import settings; "
    "print(json.dumps(settings.SECRET_KEY_FALLBACKS))"
)
GOOD_KEY = "k" * 20 + "0123456789abcdefghijABCDEFGHIJ"  # 50 characters


def run_production(tmp_path, script=SETUP_PRODUCTION, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env["CAMPAIGN_VAR_DIR"] = str(tmp_path / "var")
    env.update(env_overrides)
    return run_python(script, env)


def test_the_key_used_below_is_50_characters():
    assert len(GOOD_KEY) == 50


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_production(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path):
    result = run_production(tmp_path, DJANGO_SECRET_KEY="too-short")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug(tmp_path):
    result = run_production(tmp_path, DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_DEBUG="1")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG must be off in production" in result.stderr


@pytest.mark.slow
def test_production_starts_with_a_50_character_key(tmp_path):
    result = run_production(tmp_path, DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "DEBUG False SSL True"


@pytest.mark.slow
def test_production_accepts_debug_explicitly_off(tmp_path):
    result = run_production(tmp_path, DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_DEBUG="0")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_production_keeps_accepting_what_the_previous_keys_signed_after_a_rotation(tmp_path):
    old, older = "o" * 50, "p" * 50
    result = run_production(
        tmp_path,
        SHOW_KEY_FALLBACKS,
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_SECRET_KEY_FALLBACKS=f"{old}, {older},",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [old, older]


@pytest.mark.slow
def test_production_accepts_no_previous_key_unless_given_one(tmp_path):
    result = run_production(tmp_path, SHOW_KEY_FALLBACKS, DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


# --- database_config -----------------------------------------------------------------------------


def test_sqlite_by_default_with_wal_and_immediate_transactions(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_config(tmp_path / "var")

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "var" / "db.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] == 20
    init = config["OPTIONS"]["init_command"]
    assert "PRAGMA journal_mode=WAL" in init
    assert "PRAGMA foreign_keys=ON" in init
    # The directory the database lives in is created.
    assert (tmp_path / "var").is_dir()


def test_postgres_from_database_url(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")

    config = database_config(tmp_path)

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["HOST"], config["NAME"]) == ("u", "h", "db")
    assert "transaction_mode" not in config.get("OPTIONS", {})
    assert "init_command" not in config.get("OPTIONS", {})


def test_sqlite_url_gets_the_same_options(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'other' / 'site.db'}")

    config = database_config(tmp_path)

    assert config["NAME"] == str(tmp_path / "other" / "site.db")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert (tmp_path / "other").is_dir()


def test_an_opened_sqlite_connection_is_in_wal_mode(monkeypatch, tmp_path, django_db_blocker):
    """A real SQLite file opened through Django's backend with the configured options."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    handler = ConnectionHandler({"default": database_config(tmp_path)})
    wal_connection = handler["default"]  # a separate handler, not the test DB
    try:
        with django_db_blocker.unblock(), wal_connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA foreign_keys")
            foreign_keys = cursor.fetchone()[0]
            cursor.execute("PRAGMA synchronous")
            synchronous = cursor.fetchone()[0]
    finally:
        wal_connection.close()
    assert journal_mode == "wal"
    assert foreign_keys == 1
    assert synchronous == 1  # NORMAL
    assert (tmp_path / "wal.sqlite3").exists()


@pytest.mark.django_db
def test_the_test_database_is_in_wal_mode():
    if connection.vendor != "sqlite":
        pytest.skip(f"the test database is {connection.vendor}, not SQLite: no journal mode")
    if connection.is_in_memory_db():
        pytest.skip(
            "the test database is an in-memory SQLite database, which cannot use WAL; "
            "test_an_opened_sqlite_connection_is_in_wal_mode checks a file database instead"
        )
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
