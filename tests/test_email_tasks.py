"""Emails go through the database task queue: the form never waits for mail, failures retry."""

import smtplib
import socket

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from signatories.models import JoinRequest

from .test_join_form import form_data

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Queued emails sent over real SMTP to 127.0.0.1; each test points EMAIL_PORT at a closed port.
QUEUED_SMTP = {
    "TASKS": DATABASE_TASKS,
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_TIMEOUT": 2,
}


def email_tasks():
    return DBTaskResult.objects.filter(task_path__startswith="signatories.tasks.")


def closed_port():
    """A local TCP port nothing listens on, so SMTP connections are really refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_worker():
    """Run every ready task with the package's own worker, as `db_worker --batch` does.

    The command's polling loop claims tasks inside `BEGIN EXCLUSIVE`, which SQLite refuses
    inside the test's transaction; claiming one task at a time here keeps the rest real.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)


@pytest.fixture
def submit(client, site_pages, django_capture_on_commit_callbacks):
    def submit():
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/join/", form_data())
        assert response.status_code == 302
        return JoinRequest.objects.get()

    return submit


@override_settings(TASKS=DATABASE_TASKS)
def test_form_only_queues_the_emails(submit):
    mail.outbox.clear()
    submit()
    assert mail.outbox == []
    # One row for both emails, written with the request.
    assert list(email_tasks().values_list("task_path", flat=True)) == [
        "signatories.tasks.send_request_emails"
    ]

    run_worker()

    assert {tuple(m.to) for m in mail.outbox} == {("maria@example.org",), ("editors@example.org",)}
    assert set(email_tasks().values_list("status", flat=True)) == {"SUCCESSFUL"}


@override_settings(**QUEUED_SMTP, EMAIL_TASK_ATTEMPTS=3, EMAIL_RETRY_SECONDS=0)
def test_a_failing_mail_server_is_retried_and_recorded(submit):
    join_request = submit()

    with override_settings(EMAIL_PORT=closed_port()):
        run_worker()

    # Each email was tried three times: once in the request's own task, then twice on its
    # own, each failure kept with its reason; the request stays.
    failed = email_tasks().filter(status="FAILED")
    first = failed.get(task_path="signatories.tasks.send_request_emails")
    assert first.exception_class_path == "signatories.tasks.EmailsFailed"
    assert "acknowledgment" in first.traceback and "notify_editors" in first.traceback
    retries = failed.exclude(pk=first.pk)
    assert retries.filter(task_path="signatories.tasks.send_acknowledgment").count() == 2
    assert retries.filter(task_path="signatories.tasks.notify_editors").count() == 2
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
    TASKS=DATABASE_TASKS,
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
        ("signatories.tasks.send_request_emails", "FAILED"),
        ("signatories.tasks.notify_editors", "FAILED"),
    ]


def test_failed_tasks_are_visible_to_superusers_only(admin_client, client, db):
    from django.urls import reverse

    from .factories import UserFactory

    url = reverse("django_tasks_database_dbtaskresult_modeladmin_index")
    assert admin_client.get(url).status_code == 200
    client.force_login(UserFactory(groups=["Communications"]))
    assert client.get(url).status_code == 302
