"""Rendering and sending one email, with retries; what the emails of one sweep share."""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


class Mailing:
    """What the emails of one sweep share: the mail connection, and the live join page in
    each language, looked up once instead of once per email."""

    def __init__(self, connection=None):
        self.connection = connection
        self._join_pages = {}

    @classmethod
    def connected(cls):
        """One connection to the mail server for a whole sweep: during a spike a sweep sends
        hundreds of emails, and a connection (with its TLS handshake) per email would take
        most of the time. If the server cannot be reached, each email tries its own
        connection, and fails and is retried as it would be alone."""
        connection = get_connection()
        try:
            connection.open()
        except Exception:
            logger.warning("could not connect to the mail server for the sweep", exc_info=True)
        return cls(connection)

    def close(self):
        if self.connection is not None:
            self.connection.close()

    def join_page(self):
        language = translation.get_language()
        if language not in self._join_pages:
            self._join_pages[language] = _live_join_page()
        return self._join_pages[language]


def _live_join_page():
    """The join page in the active language, or the first join page; None without one."""
    # Named through the app registry, not imported: the join page's views store the requests
    # these tasks send, so importing the page here would close an import circle.
    join_page = apps.get_model("signatories", "JoinPage").objects.live().first()
    return None if join_page is None else join_page.localized


def send_with_retry(retry, attempt, template_prefix, recipients, context, *, mailing, about):
    """Render ``template_prefix`` and send it; on failure queue ``retry`` (a task taking
    ``attempt``) with a growing delay, up to EMAIL_TASK_ATTEMPTS in all, and re-raise.

    ``retry`` is (task, args); ``about`` names what the email concerns, for the log."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}.txt", context)
    try:
        send_mail(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
            connection=mailing.connection,
        )
    except Exception:
        if mailing.connection is not None:
            # The shared connection may be broken: the next email opens a fresh one.
            mailing.connection.close()
        task, args = retry
        if attempt < settings.EMAIL_TASK_ATTEMPTS:
            delay = timedelta(seconds=settings.EMAIL_RETRY_SECONDS * 2 ** (attempt - 1))
            task.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1)
            logger.warning(
                "%s for %s failed (attempt %d); retrying in %s",
                template_prefix,
                about,
                attempt,
                delay,
                exc_info=True,
            )
        else:
            logger.exception(
                "%s for %s failed after %d attempts; giving up", template_prefix, about, attempt
            )
        raise
