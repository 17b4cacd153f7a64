"""A well-known password never opens the admin with DEBUG off, whoever set it and however."""

import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from campaign.accounts.passwords import WELL_KNOWN_PASSWORDS

from ...factories import UserFactory

LOGIN_URL = "/admin/login/"


def account_with_password(password, username="admin"):
    user = UserFactory(username=username, is_superuser=True, is_staff=True)
    user.set_password(password)
    user.save()
    return user


def log_in(client, username, password):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def logged_in(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_list_holds_the_development_password_and_the_usual_first_ones():
    assert {"admin", "password", "changeme"} <= set(WELL_KNOWN_PASSWORDS)


@pytest.mark.parametrize("password", ["admin", "password", "changeme"])
def test_a_well_known_password_does_not_log_in(client, db, caplog, password):
    account_with_password(password, username="maria")

    with caplog.at_level(logging.WARNING, logger="campaign.accounts"):
        response = log_in(client, "maria", password)

    assert response.status_code == 200
    assert not logged_in(client)
    assert "refused a login to 'maria' with a well-known password" in caplog.text


def test_the_development_account_logs_in_with_debug_on(client, db):
    account_with_password("admin")
    with override_settings(DEBUG=True):
        response = log_in(client, "admin", "admin")
    assert response.status_code == 302
    assert logged_in(client)


def test_a_real_password_logs_in(client, db):
    account_with_password("a long passphrase nobody guesses")
    assert log_in(client, "admin", "a long passphrase nobody guesses").status_code == 302
    assert logged_in(client)
