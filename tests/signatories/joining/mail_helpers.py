"""What the email tests share: the database task queue run as the worker runs it, queued
emails' settings, and a real SMTP server that records what it accepts."""

import socket

from django_tasks_db.models import DBTaskResult

from ...task_helpers import DATABASE_TASKS

# The database queue, with each request's sweep and digest queued to run at once rather than a
# window on.
SWEEP_AT_ONCE = {"TASKS": DATABASE_TASKS, "EMAIL_SWEEP_SECONDS": 0, "EMAIL_DIGEST_SECONDS": 0}
SWEEP = "signatories.joining.email_tasks.send_due_emails"
DIGEST = "signatories.joining.email_tasks.send_editors_digest"
# Queued emails sent over real SMTP to 127.0.0.1; each test points EMAIL_PORT at a closed port.
QUEUED_SMTP = {
    **SWEEP_AT_ONCE,
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_TIMEOUT": 2,
}


def email_tasks():
    return DBTaskResult.objects.filter(task_path__startswith="signatories.joining.email_tasks.")


def emails_due(join_request):
    join_request.refresh_from_db()
    return (join_request.acknowledgment_due_at, join_request.editors_notice_due_at) != (None, None)


def closed_port():
    """A local TCP port nothing listens on, so SMTP connections are really refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ready_now(results):
    """Move queued tasks' start time to now, as the clock would after their delay."""
    for result in results:
        result.run_after = result.enqueued_at
        result.save(update_fields=["run_after"])


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
