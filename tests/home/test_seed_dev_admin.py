"""The local admin account ``seed_campaign`` creates where ``make run`` serves the site, and
nowhere else; without any administrator it says how to make one."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from .seeding import run_seed

# Where `make run` serves the site: DEBUG on, PUBLIC_URL on this machine.
MAKE_RUN = {"DEBUG": True, "PUBLIC_URL": "http://127.0.0.1:8000"}


def small_seed_file(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text("We stand together.\nNATIONAL\nThe Praxis Project\n", encoding="utf-8")
    return str(path)


@pytest.mark.slow
@pytest.mark.django_db
def test_debug_creates_the_local_admin_and_prints_the_login():
    with override_settings(**MAKE_RUN):
        output = run_seed()
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    assert user.check_password("admin")
    assert "Created the local admin account." in output
    assert "Admin login (this machine only): /admin/  user 'admin'  password 'admin'" in output

    with override_settings(**MAKE_RUN):
        again = run_seed()
    assert get_user_model().objects.count() == 1
    assert "Created the local admin account." not in again


@pytest.mark.django_db
@pytest.mark.parametrize(
    "public_url", ["https://statement.example.org", "http://192.0.2.10:8000", "http://testserver"]
)
def test_debug_with_a_public_address_creates_no_account(tmp_path, public_url):
    """`manage.py` defaults to the development settings, DEBUG on: run on a server whose
    PUBLIC_URL is the site's address, the seed must not leave admin/admin there."""
    with override_settings(DEBUG=True, PUBLIC_URL=public_url):
        output = run_seed("--file", small_seed_file(tmp_path))
    assert not get_user_model().objects.exists()
    assert "Admin login" not in output
    assert f"No development account: PUBLIC_URL {public_url} is not this machine." in output
    assert "python manage.py createsuperuser" in output


@pytest.mark.django_db
def test_without_any_administrator_the_seed_says_how_to_make_one(tmp_path):
    output = run_seed("--file", small_seed_file(tmp_path))
    assert "No administrator account yet: python manage.py createsuperuser" in output

    get_user_model().objects.create_superuser("maria", "maria@example.org", "a long passphrase")
    assert "createsuperuser" not in run_seed("--file", small_seed_file(tmp_path))


@pytest.mark.slow
@pytest.mark.django_db
def test_without_debug_no_user_is_created():
    output = run_seed()
    assert not get_user_model().objects.exists()
    assert "Admin login" not in output


@pytest.mark.slow
@pytest.mark.django_db
def test_no_dev_admin_flag_skips_the_user_even_with_debug():
    with override_settings(**MAKE_RUN):
        output = run_seed("--no-dev-admin")
    assert not get_user_model().objects.exists()
    assert "Admin login" not in output
