"""The project's own `manage.py check --deploy` checks (campaign/checks.py): each warns in the
configuration it is about and stays silent in a correct one."""

import os
import runpy
from io import StringIO

import pytest
from django.core.checks import ERROR, run_checks
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from campaign.settings.workers import web_concurrency

from ..factories import UserFactory
from ..helpers import REPO_ROOT
from ..process_helpers import run_python

PUBLIC = "https://statement.example.org"
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "checks"}
REDIS = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}


def deploy_messages():
    """The project's deployment checks' messages as `check --deploy` runs them."""
    return run_checks(include_deployment_checks=True, tags=["campaign"])


def deploy_warnings():
    """{id: message} of the project's deployment checks."""
    return {message.id: message.msg for message in deploy_messages()}


@pytest.fixture
def site_at_public_url(db):
    Site.objects.filter(is_default_site=True).update(hostname="statement.example.org", port=443)


def seed_as_make_run():
    with override_settings(DEBUG=True, PUBLIC_URL="http://127.0.0.1:8000"):
        call_command("seed_campaign", stdout=StringIO())


# --- campaign.W001 / W005: PUBLIC_URL itself ------------------------------------------------


@pytest.mark.parametrize(
    "public_url", ["http://127.0.0.1:8000", "http://localhost", "http://[::1]:8000"]
)
def test_a_public_url_on_this_machine_is_reported(site_at_public_url, public_url):
    with override_settings(PUBLIC_URL=public_url):
        warnings = deploy_warnings()
    assert "an address of this machine" in warnings["campaign.W001"]


def test_a_public_https_url_is_not_reported(site_at_public_url):
    with override_settings(PUBLIC_URL=PUBLIC, SECURE_SSL_REDIRECT=True):
        warnings = deploy_warnings()
    assert "campaign.W001" not in warnings
    assert "campaign.W005" not in warnings


def test_plain_http_public_url_behind_the_https_redirect_is_reported(db):
    Site.objects.filter(is_default_site=True).update(hostname="statement.example.org", port=80)
    with override_settings(PUBLIC_URL="http://statement.example.org", SECURE_SSL_REDIRECT=True):
        warnings = deploy_warnings()
    assert "confirmation links would first travel unencrypted" in warnings["campaign.W005"]
    assert "campaign.W002" not in warnings


# --- campaign.W002: the default Site -------------------------------------------------------------


def test_a_default_site_still_on_localhost_is_reported(db):
    # Wagtail's migrations create the default site as http://localhost.
    with override_settings(PUBLIC_URL=PUBLIC):
        warnings = deploy_warnings()
    assert warnings["campaign.W002"].startswith(
        f"The default Wagtail site is still http://localhost, not PUBLIC_URL {PUBLIC}"
    )


def test_a_default_site_at_another_public_address_is_reported(db):
    Site.objects.filter(is_default_site=True).update(hostname="old.example.org", port=443)
    with override_settings(PUBLIC_URL=PUBLIC):
        warnings = deploy_warnings()
    assert warnings["campaign.W002"].startswith(
        f"The default Wagtail site is https://old.example.org, not PUBLIC_URL {PUBLIC}"
    )


def test_a_missing_default_site_is_reported(db):
    Site.objects.all().delete()
    with override_settings(PUBLIC_URL=PUBLIC):
        warnings = deploy_warnings()
    assert warnings["campaign.W002"].startswith("There is no default Wagtail site")


def test_the_site_set_site_url_leaves_is_not_reported(db):
    with override_settings(PUBLIC_URL=PUBLIC):
        call_command("set_site_url", stdout=StringIO())
        warnings = deploy_warnings()
    assert "campaign.W002" not in warnings


# --- campaign.E001: accounts anyone could log in to ---------------------------------------------


def account(username, password, **fields):
    user = UserFactory(username=username, **fields)
    user.set_password(password)
    user.save()
    return user


@pytest.mark.slow
def test_the_account_make_run_creates_is_an_error(db):
    seed_as_make_run()
    [error] = [m for m in deploy_messages() if m.id == "campaign.E001"]
    assert error.level == ERROR
    assert "'admin' (password 'admin')" in error.msg


@pytest.mark.parametrize("password", ["admin", "password", "changeme"])
def test_any_account_with_a_well_known_password_is_an_error(db, password):
    account("maria", password, groups=["Communications"])
    account("sam", "a long passphrase nobody guesses")
    [error] = [m for m in deploy_messages() if m.id == "campaign.E001"]
    assert error.level == ERROR
    assert f"'maria' (password {password!r})" in error.msg
    assert "sam" not in error.msg
    assert "manage.py changepassword maria" in error.hint


def test_accounts_with_real_passwords_are_not_reported(db):
    account("admin", "a long passphrase nobody guesses", is_superuser=True)
    assert "campaign.E001" not in deploy_warnings()


def test_a_deactivated_account_is_not_reported(db):
    account("admin", "admin", is_superuser=True, is_active=False)
    assert "campaign.E001" not in deploy_warnings()


def test_checking_the_passwords_writes_nothing(db):
    """Django's User.check_password saves an upgraded hash; a check must not."""
    user = account("admin", "admin")
    # A preferred hasher other than the one the password was stored with: an upgrade is due.
    hashers = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    with override_settings(PASSWORD_HASHERS=hashers):
        assert "campaign.E001" in deploy_warnings()
    user.refresh_from_db()
    assert user.password.startswith("md5$")


# --- campaign.W004: per-process memory with several workers --------------------------------------


def test_the_memory_cache_with_several_workers_is_reported(db, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with override_settings(CACHES={"default": LOCMEM}):
        warnings = deploy_warnings()
    assert "runs 4 workers (WEB_CONCURRENCY)" in warnings["campaign.W004"]
    assert "up to 4 times the limit" in warnings["campaign.W004"]


def test_the_memory_cache_with_one_worker_is_not_reported(db, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    with override_settings(CACHES={"default": LOCMEM}):
        assert "campaign.W004" not in deploy_warnings()


def test_redis_with_several_workers_is_not_reported(db, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with override_settings(CACHES={"default": REDIS}):
        assert "campaign.W004" not in deploy_warnings()


def test_without_web_concurrency_the_check_counts_the_workers_gunicorn_starts(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    gunicorn = runpy.run_path(str(REPO_ROOT / "gunicorn.conf.py"))
    assert gunicorn["workers"] == web_concurrency() == os.cpu_count() * 2


# --- a fresh clone -------------------------------------------------------------------------------


@pytest.mark.slow
def test_check_deploy_passes_on_a_correct_production_configuration_with_no_tables(tmp_path):
    """What `make check-deploy` runs in CI, on a clone that was never migrated."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "WEB_"))
        and key not in {"DATABASE_URL", "PUBLIC_URL", "ALLOWED_HOSTS", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="campaign.settings.production",
        DJANGO_SECRET_KEY="deploy-check-test-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEF",
        CAMPAIGN_VAR_DIR=str(tmp_path / "var"),
        ALLOWED_HOSTS="statement.example.org",
        PUBLIC_URL=PUBLIC,
        # Never contacted: the checks only read which cache is configured.
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    script = (
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    result = run_python(script, env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "(campaign.I001) The database could not be read" in output
    assert "so the default site check did not run" in output
    assert "so the well-known passwords check did not run" in output
