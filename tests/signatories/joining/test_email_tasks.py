"""Emails go through the database task queue: the form never waits for mail, failures retry.

The request row is the outbox: storing a request marks its emails due, and a sweep task sends
every due request's emails. A spike of requests schedules one sweep per EMAIL_SWEEP_SECONDS.
"""

import re
import smtplib
import socket
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
from django_tasks_db.models import DBTaskResult

from signatories.joining.email_tasks import SWEEP_SCHEDULED_KEY, send_due_emails
from signatories.models import JoinRequest

from ...factories import JoinRequestFactory
from ...helpers import DATABASE_TASKS, form_data, run_worker

# The database queue, with each request's sweep queued to run at once rather than a window on.
SWEEP_AT_ONCE = {"TASKS": DATABASE_TASKS, "EMAIL_SWEEP_SECONDS": 0}
# Queued emails sent over real SMTP to 127.0.0.1; each test points EMAIL_PORT at a closed port.
QUEUED_SMTP = {
    **SWEEP_AT_ONCE,
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_TIMEOUT": 2,
}


def email_tasks():
    return DBTaskResult.objects.filter(task_path__startswith="signatories.joining.email_tasks.")


def closed_port():
    """A local TCP port nothing listens on, so SMTP connections are really refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def submit(client, site_pages, django_capture_on_commit_callbacks):
    def submit(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/join/", form_data(**changes))
        assert response.status_code == 302
        return JoinRequest.objects.latest("pk")

    return submit


@override_settings(**SWEEP_AT_ONCE)
def test_form_only_queues_the_emails(submit):
    mail.outbox.clear()
    join_request = submit()
    assert mail.outbox == []
    assert join_request.emails_due
    assert list(email_tasks().values_list("task_path", flat=True)) == [
        "signatories.joining.email_tasks.send_due_emails"
    ]

    run_worker()

    assert {tuple(m.to) for m in mail.outbox} == {("maria@example.org",), ("editors@example.org",)}
    assert set(email_tasks().values_list("status", flat=True)) == {"SUCCESSFUL"}
    join_request.refresh_from_db()
    assert not join_request.emails_due


def ready_now(results):
    """Move queued tasks' start time to now, as the clock would after their delay."""
    for result in results:
        result.run_after = result.enqueued_at
        result.save(update_fields=["run_after"])


@override_settings(TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5, JOIN_RATE_LIMIT=(10, 600))
def test_a_spike_of_requests_writes_one_sweep_per_window(submit):
    mail.outbox.clear()
    names = ["Casa Latina", "Fresno Food Bank", "Valley Tenants Union"]
    requests = [submit(name=name) for name in names]

    # Three requests stored, one task row: a sweep that starts after the window (5 s from
    # the first request) closes, so it finds every request stored while it was open.
    sweep = email_tasks().get()
    assert sweep.task_path == "signatories.joining.email_tasks.send_due_emails"
    assert sweep.run_after > sweep.enqueued_at + timedelta(seconds=5)
    run_worker()
    assert mail.outbox == []

    ready_now([sweep])
    run_worker()
    assert len(mail.outbox) == 2 * len(names)
    assert not JoinRequest.objects.filter(pk__in=[r.pk for r in requests], emails_due=True)

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
    kept.refresh_from_db()
    assert not kept.emails_due


@override_settings(TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5)
def test_the_command_sends_what_the_worker_has_not(submit, capsys):
    mail.outbox.clear()
    join_request = submit()

    call_command("send_due_emails")

    assert "1 request(s)" in capsys.readouterr().out
    assert len(mail.outbox) == 2
    join_request.refresh_from_db()
    assert not join_request.emails_due


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
    assert (
        email_tasks().filter(task_path="signatories.joining.email_tasks.send_due_emails").count()
        == 2
    )


@override_settings(**QUEUED_SMTP, EMAIL_TASK_ATTEMPTS=3, EMAIL_RETRY_SECONDS=0)
def test_a_failing_mail_server_is_retried_and_recorded(submit):
    join_request = submit()

    with override_settings(EMAIL_PORT=closed_port()):
        run_worker()

    # Each email was tried three times: once in the request's own task, then twice on its
    # own, each failure kept with its reason; the request stays.
    failed = email_tasks().filter(status="FAILED")
    first = failed.get(task_path="signatories.joining.email_tasks.send_due_emails")
    assert first.exception_class_path == "signatories.joining.email_tasks.EmailsFailed"
    assert "acknowledgment" in first.traceback and "notify_editors" in first.traceback
    retries = failed.exclude(pk=first.pk)
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

    # The contact got exactly one acknowledgment; only the editors' notice was tried again.
    assert [m.to for m in mail.outbox] == [["maria@example.org"]]
    paths = list(email_tasks().order_by("enqueued_at").values_list("task_path", "status"))
    assert paths == [
        ("signatories.joining.email_tasks.send_due_emails", "FAILED"),
        ("signatories.joining.email_tasks.notify_editors", "FAILED"),
    ]


def test_failed_tasks_are_visible_to_superusers_only(admin_client, client, db):
    from django.urls import reverse

    from ...factories import UserFactory

    url = reverse("django_tasks_database_dbtaskresult_modeladmin_index")
    assert admin_client.get(url).status_code == 200
    client.force_login(UserFactory(groups=["Communications"]))
    assert client.get(url).status_code == 302


class RecordingSMTPHandler:
    """aiosmtpd handler keeping each message's recipients and the connection it came on."""

    def __init__(self, refuse_first=False):
        self.sessions = []  # kept, so no two connections ever share an id()
        self.messages = []
        self.refuse_next = refuse_first

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_next:
            self.refuse_next = False
            return "421 Service not available, closing transmission channel"
        if session not in self.sessions:
            self.sessions.append(session)
        self.messages.append((id(session), tuple(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(request):
    """A real SMTP server on 127.0.0.1 (aiosmtpd, in a thread) for the duration of a test;
    ``@pytest.mark.parametrize("smtp_server", [True], indirect=True)`` refuses the first
    message."""
    from aiosmtpd.controller import Controller

    handler = RecordingSMTPHandler(refuse_first=getattr(request, "param", False))
    controller = Controller(handler, hostname="127.0.0.1", port=closed_port())
    controller.start()
    yield controller.port, handler
    controller.stop()


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
        [(f"contact{number}@example.org",) for number in range(3)] + [("editors@example.org",)] * 3
    )
    # One connection (one TLS handshake, with a real relay) for the sweep, not one per email.
    assert len({session for session, _ in server.messages}) == 1


@pytest.mark.parametrize("smtp_server", [True], indirect=True)
@override_settings(**SWEEP_OVER_SMTP, EMAIL_TASK_ATTEMPTS=3, EMAIL_RETRY_SECONDS=3600)
def test_a_refused_email_is_retried_and_the_sweep_goes_on(submit, smtp_server):
    port, server = smtp_server
    submit(name="Casa Latina", contact_email="first@example.org")
    submit(name="Fresno Food Bank", contact_email="second@example.org")

    with override_settings(EMAIL_PORT=port), pytest.raises(CommandError, match="retry"):
        call_command("send_due_emails", stdout=StringIO())

    # The server refused the first acknowledgment: it waits for its own retry, and the
    # other three emails still went out.
    assert sorted(recipients for _, recipients in server.messages) == [
        ("editors@example.org",),
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
            JoinRequestFactory(language=language, emails_due=True)
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
    # The six more requests cost their six claims and nothing else: the join page in each
    # language is looked up once per sweep, not once per email.
    assert len(large) - len(small) == 6
    assert sum(sql.startswith("UPDATE") for sql in large) == 8
