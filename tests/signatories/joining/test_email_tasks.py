"""Emails go through the database task queue: the form never waits for mail, failures retry.

The request row is the outbox: storing a request marks its emails due, a sweep task sends
every due request's acknowledgment, and a digest task tells the editors about them all. A spike
of requests schedules one sweep per EMAIL_SWEEP_SECONDS and one digest per EMAIL_DIGEST_SECONDS.
"""

import re
import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from signatories.joining.email_tasks import SWEEP_SCHEDULED_KEY, send_due_emails
from signatories.models import JoinRequest

from ...factories import JoinRequestFactory
from ...task_helpers import DATABASE_TASKS, run_worker
from .mail_helpers import (
    DIGEST,
    QUEUED_SMTP,
    SWEEP,
    SWEEP_AT_ONCE,
    closed_port,
    email_tasks,
    emails_due,
    ready_now,
)


@override_settings(**SWEEP_AT_ONCE)
def test_form_only_queues_the_emails(submit):
    mail.outbox.clear()
    join_request = submit()
    assert mail.outbox == []
    assert emails_due(join_request)
    assert list(email_tasks().values_list("task_path", flat=True)) == [SWEEP]

    run_worker()

    assert {tuple(m.to) for m in mail.outbox} == {("maria@example.org",), ("editors@example.org",)}
    assert set(email_tasks().values_list("task_path", "status")) == {
        (SWEEP, "SUCCESSFUL"),
        (DIGEST, "SUCCESSFUL"),
    }
    assert not emails_due(join_request)


@override_settings(TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5, JOIN_RATE_LIMIT=(10, 600))
def test_a_spike_of_requests_writes_one_sweep_per_window(submit):
    mail.outbox.clear()
    names = ["Casa Latina", "Fresno Food Bank", "Valley Tenants Union"]
    requests = [submit(name=name) for name in names]

    # Three requests stored, one task row: a sweep that starts after the window (5 s from
    # the first request) closes, so it finds every request stored while it was open.
    sweep = email_tasks().get()
    assert sweep.task_path == SWEEP
    assert sweep.run_after > sweep.enqueued_at + timedelta(seconds=5)
    run_worker()
    assert mail.outbox == []

    ready_now([sweep])
    run_worker()
    # Three acknowledgments; the editors' digest waits for its own window.
    assert sorted(m.to[0] for m in mail.outbox) == ["maria@example.org"] * 3
    digest = email_tasks().get(task_path=DIGEST, status="READY")
    assert digest.run_after > digest.enqueued_at + timedelta(seconds=300)
    ready_now([digest])
    run_worker()
    assert len(mail.outbox) == len(names) + 1
    assert not any(emails_due(r) for r in requests)

    # Once the window is over (its key expired), the next request schedules a new sweep.
    cache.delete(SWEEP_SCHEDULED_KEY)
    submit(name="Sierra Health Alliance")
    assert email_tasks().filter(status="READY").count() == 1


@override_settings(**SWEEP_AT_ONCE)
def test_a_sweep_never_sends_a_request_twice(submit):
    submit()
    run_worker()
    mail.outbox.clear()

    # A second sweep (two workers, or the command beside the worker) finds nothing due.
    send_due_emails.call()
    call_command("send_due_emails", stdout=StringIO())
    assert mail.outbox == []


@override_settings(TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5, JOIN_RATE_LIMIT=(10, 600))
def test_a_request_deleted_before_its_sweep_is_skipped(submit):
    spam = submit(name="Casa Latina")
    kept = submit(name="Fresno Food Bank", contact_email="ana@example.org")
    spam.delete()  # an editor removed it before the sweep ran
    mail.outbox.clear()

    call_command("send_due_emails", stdout=StringIO())

    assert {tuple(m.to) for m in mail.outbox} == {("ana@example.org",), ("editors@example.org",)}
    assert not emails_due(kept)


@override_settings(TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5)
def test_the_command_sends_what_the_worker_has_not(submit, capsys):
    mail.outbox.clear()
    join_request = submit()

    call_command("send_due_emails")

    assert "1 request(s)" in capsys.readouterr().out
    assert len(mail.outbox) == 2
    assert not emails_due(join_request)


@override_settings(
    TASKS=DATABASE_TASKS,
    EMAIL_SWEEP_SECONDS=5,
    JOIN_RATE_LIMIT=(10, 600),
    CACHES={
        "default": {
            # A Redis server that is down: nothing listens on this port.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
        },
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    },
)
def test_a_cache_that_is_down_schedules_a_sweep_for_every_request(submit):
    submit(name="Casa Latina")
    submit(name="Fresno Food Bank")
    assert email_tasks().filter(task_path=SWEEP).count() == 2


@override_settings(**QUEUED_SMTP, EMAIL_TASK_ATTEMPTS=3, EMAIL_RETRY_SECONDS=0)
def test_a_failing_mail_server_is_retried_and_recorded(submit):
    join_request = submit()

    with override_settings(EMAIL_PORT=closed_port()):
        run_worker()

    # Each email was tried three times: once in its sweep, then twice on its own, each
    # failure kept with its reason; the request stays.
    failed = email_tasks().filter(status="FAILED")
    sweep = failed.get(task_path=SWEEP)
    digest = failed.get(task_path=DIGEST)
    assert sweep.exception_class_path == "signatories.joining.email_tasks.EmailsFailed"
    assert "acknowledgment" in sweep.traceback and "digest" in digest.traceback
    retries = failed.exclude(pk__in=[sweep.pk, digest.pk])
    assert (
        retries.filter(task_path="signatories.joining.email_tasks.send_acknowledgment").count() == 2
    )
    assert retries.filter(task_path="signatories.joining.email_tasks.notify_editors").count() == 2
    assert all("ConnectionRefusedError" in result.exception_class_path for result in retries)
    assert not email_tasks().exclude(status="FAILED").exists()
    assert JoinRequest.objects.filter(pk=join_request.pk, status="pending").exists()


@override_settings(**QUEUED_SMTP, EMAIL_TASK_ATTEMPTS=3, EMAIL_RETRY_SECONDS=3600)
def test_retries_wait_before_running_again(submit):
    submit()

    with override_settings(EMAIL_PORT=closed_port()):
        run_worker()

    waiting = email_tasks().filter(status="READY")
    assert waiting.count() == 2
    assert all(result.args_kwargs["kwargs"] == {"attempt": 2} for result in waiting)
    assert all(result.run_after > result.enqueued_at for result in waiting)


class RefusingEditorsBackend(locmem.EmailBackend):
    """A mail server that accepts every message but those to the editors' address."""

    def send_messages(self, messages):
        if any("editors@example.org" in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({"editors@example.org": (550, b"no such user")})
        return super().send_messages(messages)


@override_settings(
    **SWEEP_AT_ONCE,
    EMAIL_BACKEND=f"{__name__}.RefusingEditorsBackend",
    EMAIL_TASK_ATTEMPTS=2,
    EMAIL_RETRY_SECONDS=0,
)
def test_a_failed_email_is_retried_without_sending_the_other_again(submit):
    mail.outbox.clear()
    submit()
    run_worker()

    # The contact got exactly one acknowledgment; only the editors' digest was tried again.
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    paths = list(email_tasks().order_by("enqueued_at").values_list("task_path", "status"))
    assert paths == [
        (SWEEP, "SUCCESSFUL"),
        (DIGEST, "FAILED"),
        ("signatories.joining.email_tasks.notify_editors", "FAILED"),
    ]


def test_failed_tasks_are_visible_to_superusers_only(admin_client, client, db):
    from django.urls import reverse

    from ...factories import UserFactory

    url = reverse("django_tasks_database_dbtaskresult_modeladmin_index")
    assert admin_client.get(url).status_code == 200
    client.force_login(UserFactory(groups=["Communications"]))
    assert client.get(url).status_code == 302


# Real SMTP with the sweep's window on, so several requests wait for one sweep.
SWEEP_OVER_SMTP = {
    **QUEUED_SMTP,
    "EMAIL_SWEEP_SECONDS": 5,
    "JOIN_RATE_LIMIT": (10, 600),
    "EMAIL_TIMEOUT": 5,
}


@override_settings(**SWEEP_OVER_SMTP)
def test_a_sweep_sends_all_its_emails_over_one_smtp_connection(submit, smtp_server):
    port, server = smtp_server
    names = ["Casa Latina", "Fresno Food Bank", "Valley Tenants Union"]
    for number, name in enumerate(names):
        submit(name=name, contact_email=f"contact{number}@example.org")

    with override_settings(EMAIL_PORT=port):
        call_command("send_due_emails", stdout=StringIO())

    assert sorted(recipients for _, recipients in server.messages) == sorted(
        [(f"contact{number}@example.org",) for number in range(3)] + [("editors@example.org",)]
    )
    # One connection (one TLS handshake, with a real relay) for the acknowledgments of a
    # sweep, not one per email; the digest is one email on its own connection.
    acknowledged = {s for s, to in server.messages if to != ("editors@example.org",)}
    assert len(acknowledged) == 1


@pytest.mark.parametrize("smtp_server", [True], indirect=True)
@override_settings(**SWEEP_OVER_SMTP, EMAIL_TASK_ATTEMPTS=3, EMAIL_RETRY_SECONDS=3600)
def test_a_refused_email_is_retried_and_the_sweep_goes_on(submit, smtp_server):
    port, server = smtp_server
    submit(name="Casa Latina", contact_email="first@example.org")
    submit(name="Fresno Food Bank", contact_email="second@example.org")

    with override_settings(EMAIL_PORT=port), pytest.raises(CommandError, match="retry"):
        call_command("send_due_emails", stdout=StringIO())

    # The server refused the first acknowledgment: it waits for its own retry, and the
    # other acknowledgment and the editors' digest still went out.
    assert sorted(recipients for _, recipients in server.messages) == [
        ("editors@example.org",),
        ("second@example.org",),
    ]
    retry = email_tasks().get(
        status="READY", task_path="signatories.joining.email_tasks.send_acknowledgment"
    )
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}


@pytest.mark.django_db
def test_a_sweep_looks_up_each_language_join_page_once(seeded_site):
    def sweep_of(languages):
        for language in languages:
            JoinRequestFactory(language=language, acknowledgment_due_at=timezone.now())
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries:
            send_due_emails.call()
        return [q["sql"] for q in queries.captured_queries], list(mail.outbox)

    sweep_of(["en", "es"])  # fills the per-process caches (sites, locales)
    small, _ = sweep_of(["en", "es"])
    large, sent = sweep_of(["en", "es"] * 4)

    # Each request gets its own language's link, from one sweep.
    links = {m.to[0]: re.search(r"http://\S+/confirm/\S+/", m.body).group() for m in sent
             if m.to != ["editors@example.org"]}  # fmt: skip
    assert len(links) == 8
    assert sum("/es/join/confirm/" in link for link in links.values()) == 4
    assert sum("/join/confirm/" in link and "/es/" not in link for link in links.values()) == 4
    # The six more requests cost their six claims and six "sent" marks and nothing else: the
    # join page in each language is looked up once per sweep, not once per email.
    assert len(large) - len(small) == 12
    assert sum(sql.startswith("UPDATE") for sql in large) == 2 * 8
