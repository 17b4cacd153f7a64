"""Admin login failures lock one client address out of one account, and all clients together
have a ceiling: guessing from anywhere cannot lock the editor out, nor spray without end."""

import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from ...factories import UserFactory

LOGIN_URL = "/admin/login/"
PASSWORD = "correct horse battery staple"
EDITOR_ADDRESS = "198.51.100.7"
# Behind one trusted proxy, so each request says which client it comes from.
BEHIND_A_PROXY = override_settings(TRUSTED_PROXY_COUNT=1)


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", is_superuser=True, is_staff=True)


def attempt(client, username, password, address):
    return client.post(
        LOGIN_URL, {"username": username, "password": password}, HTTP_X_FORWARDED_FOR=address
    )


def logged_in(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


@BEHIND_A_PROXY
def test_failures_from_elsewhere_do_not_lock_the_editor_out(client, editor):
    for n in range(10):
        assert attempt(client, "editor", "wrong", "203.0.113.9").status_code in (200, 429), n

    assert attempt(client, "editor", PASSWORD, EDITOR_ADDRESS).status_code == 302
    assert logged_in(client)


@BEHIND_A_PROXY
def test_one_address_is_locked_out_of_one_account_after_the_limit(client, editor):
    for _ in range(4):
        assert attempt(client, "editor", "wrong", "203.0.113.9").status_code == 200
    # The fifth failure reaches the limit; from then on even the right password is refused.
    assert attempt(client, "editor", "wrong", "203.0.113.9").status_code == 429
    assert attempt(client, "editor", PASSWORD, "203.0.113.9").status_code == 429
    assert not logged_in(client)


@BEHIND_A_PROXY
@override_settings(LOGIN_GLOBAL_FAILURE_LIMIT=(12, 900))
def test_spraying_from_many_addresses_meets_the_ceiling(client, editor, caplog):
    """Four guesses per account from each of many addresses, over many accounts."""
    with caplog.at_level(logging.WARNING, logger="campaign.accounts"):
        for n in range(11):
            response = attempt(client, f"user{n % 4}", "Summer2026!", f"203.0.113.{n}")
            assert response.status_code == 200, n
        # The twelfth failure reaches the ceiling: from then on every login is refused for a
        # while, the right one too.
        assert attempt(client, "user11", "Summer2026!", "203.0.113.11").status_code == 429
        assert attempt(client, "editor", PASSWORD, EDITOR_ADDRESS).status_code == 429
        assert attempt(client, "editor", PASSWORD, "192.0.2.1").status_code == 429

    assert not logged_in(client)
    assert caplog.text.count("admin logins refused for everyone") == 1


@BEHIND_A_PROXY
@override_settings(LOGIN_GLOBAL_FAILURE_LIMIT=(12, 900))
def test_below_the_ceiling_logins_work(client, editor):
    for n in range(11):
        attempt(client, f"user{n % 4}", "wrong", f"203.0.113.{n}")
    assert attempt(client, "editor", PASSWORD, EDITOR_ADDRESS).status_code == 302
    assert logged_in(client)
