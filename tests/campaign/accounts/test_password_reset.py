"""Admin password reset: throttled per address and per client, sent by the task worker, and
the same work in the request whether or not the address has an account."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ...factories import UserFactory
from ...task_helpers import DATABASE_TASKS, run_worker

# Behind one trusted proxy, so each request says which client it comes from.
pytestmark = pytest.mark.usefixtures("behind_a_proxy")


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", email="editor@example.org", is_superuser=True)


def ask(client, email, address="203.0.113.9"):
    response = client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, HTTP_X_FORWARDED_FOR=address
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_password_reset_done")
    return response


def reset_link(message):
    match = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


@override_settings(TASKS=DATABASE_TASKS)
def test_the_request_sends_nothing_and_the_worker_sends_the_link(client, editor):
    ask(client, "editor@example.org")

    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    run_worker()
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert "editor" in message.body
    # The link works: Django's confirm view swaps the token for its set-password form.
    confirm = client.get(reset_link(message))
    assert confirm.status_code == 302
    assert client.get(confirm["Location"]).status_code == 200


@override_settings(TASKS=DATABASE_TASKS)
def test_known_and_unknown_addresses_do_the_same_work_in_the_request(client, editor):
    with CaptureQueriesContext(connection) as known:
        ask(client, "editor@example.org", address="203.0.113.1")
    with CaptureQueriesContext(connection) as unknown:
        ask(client, "nobody@example.org", address="203.0.113.2")

    assert mail.outbox == []
    # The same statements (the queued task row among them); only the values differ.
    assert [statement(q["sql"]) for q in known] == [statement(q["sql"]) for q in unknown]
    assert not any("auth_user" in q["sql"] for q in known.captured_queries)
    run_worker()
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]


def statement(sql):
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


@override_settings(PASSWORD_RESET_RATE_LIMIT=(3, 3600))
def test_resets_in_a_row_to_one_address_send_at_most_the_limit(client, editor):
    for n in range(9):
        ask(client, "editor@example.org", address=f"203.0.113.{n}")
    # Another spelling of the same address counts against the same limit.
    ask(client, "EDITOR@example.org", address="203.0.113.99")

    assert len(mail.outbox) == 3


@override_settings(PASSWORD_RESET_CLIENT_RATE_LIMIT=(5, 3600))
def test_one_client_asking_for_many_addresses_is_throttled(client, db):
    for n in range(9):
        UserFactory(email=f"editor{n}@example.org")
        ask(client, f"editor{n}@example.org")

    assert len(mail.outbox) == 5
    assert ask(client, "editor8@example.org", address="198.51.100.7")
    assert len(mail.outbox) == 6
