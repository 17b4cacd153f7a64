"""Emails about requests, sent by the task worker so a slow mail server never slows a form.

The request row is its own outbox: the transaction that stores a request marks its emails
due (``JoinRequest.emails_due``) and writes nothing else. A sweep task (``send_due_emails``)
sends the due emails of every request stored since the last sweep; each form submission only
makes sure one sweep is scheduled, so a spike of joins adds no task rows and the worker runs
one task per few seconds, not one per join. A failed email is retried on its own, as its own
task, so a failure never sends the other one twice. A failed attempt is recorded as a failed
task result (visible in the admin under Settings → Background tasks) and a new attempt is
queued with a growing delay, up to EMAIL_TASK_ATTEMPTS in all.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from ..models.join_request import JoinRequest
from .confirmation import make_token

logger = logging.getLogger(__name__)


SWEEP_SCHEDULED_KEY = "signatories:email-sweep-scheduled"
# How many requests one sweep sends before it hands over to a fresh sweep task, so other
# tasks get their turn during a spike.
SWEEP_BATCH = 200


def schedule_email_sweep():
    """Make sure a sweep runs after the request just stored; called once it is committed.

    The first caller in a window of EMAIL_SWEEP_SECONDS sets a cache key that lives that
    long and queues a sweep to run a second after the key expires. A later caller who finds
    the key committed its request before that sweep's start, so the sweep sends it: every
    request is covered, whichever process or server stored it, and a spike of joins writes
    one task row per window. The default per-process memory cache keeps one window per
    process, which only schedules more sweeps. A cache that fails to answer (Redis down)
    schedules a sweep every time.
    """
    sweep = send_due_emails
    window = settings.EMAIL_SWEEP_SECONDS
    try:
        if not sweep.get_backend().supports_defer or window <= 0:
            sweep.enqueue()
        elif cache.add(SWEEP_SCHEDULED_KEY, True, timeout=window) is not False:
            sweep.using(run_after=timezone.now() + timedelta(seconds=window + 1)).enqueue()
    except Exception:
        # The request is stored and its emails stay due: the next request's sweep sends
        # them, and so does `manage.py send_due_emails`.
        cache.delete(SWEEP_SCHEDULED_KEY)
        logger.exception("could not schedule the email sweep")


class EmailsFailed(Exception):
    """Some of a request's emails failed; each is queued again on its own."""


@task()
def send_due_emails():
    """Send the emails of every request whose emails are due, oldest first.

    Each request is claimed (its flag cleared) before its emails go out, so two sweeps
    running at once never send the same request's emails twice.
    """
    # Read once for the batch; the claim below is what decides who sends.
    due = list(JoinRequest.objects.filter(emails_due=True).order_by("pk")[:SWEEP_BATCH])
    claimed = 0
    failed = []
    batch = _EmailBatch(_open_mail_connection()) if due else None
    try:
        for join_request in due:
            if not JoinRequest.objects.filter(pk=join_request.pk, emails_due=True).update(
                emails_due=False
            ):
                continue  # another sweep took it, or an editor deleted the request
            claimed += 1
            try:
                _send_request_emails(join_request, batch)
            except EmailsFailed as exc:
                failed.append(str(exc))
            except Exception:
                # Whatever breaks one request's emails must not hold back the rest.
                logger.exception("emails of request %s could not be sent", join_request.pk)
                failed.append(f"request {join_request.pk}: error")
    finally:
        if batch is not None:
            batch.connection.close()
    if len(due) == SWEEP_BATCH:
        send_due_emails.enqueue()  # more may be waiting
    logger.info("email sweep: %d requests sent", claimed)
    if failed:
        # Recorded as this task's failure; each failed email is already queued again.
        raise EmailsFailed("; ".join(failed))


def send_all_due_emails():
    """Send every email still due, here and now, sweep after sweep until none is left.

    Returns how many requests had emails due and the messages of the sweeps that failed;
    each failed email is already queued for its own retry.
    """
    due = JoinRequest.objects.filter(emails_due=True)
    before = due.count()
    failures = []
    while due.exists():
        try:
            send_due_emails.call()
        except EmailsFailed as exc:
            failures.append(str(exc))
    return before, failures


class _EmailBatch:
    """What the emails of one sweep share: the mail connection, and the live join page in
    each language, looked up once instead of once per email."""

    def __init__(self, connection=None):
        self.connection = connection
        self._join_pages = {}

    def join_page(self):
        language = translation.get_language()
        if language not in self._join_pages:
            self._join_pages[language] = _live_join_page()
        return self._join_pages[language]


def _open_mail_connection():
    """One connection to the mail server for a whole sweep: during a spike a sweep sends
    hundreds of emails, and a connection (with its TLS handshake) per email would take most of
    the time. If the server cannot be reached, each email tries its own connection, and fails
    and is retried as it would be alone."""
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.warning("could not connect to the mail server for the sweep", exc_info=True)
    return connection


def _send_request_emails(join_request, batch):
    """The first attempt at a new request's emails: the acknowledgment, then the editors'
    notice, each tried whatever happens to the other."""
    senders = [_send_acknowledgment]
    # A request sent again is shown to editors with the one they were already told about.
    if settings.JOIN_NOTIFY_EMAILS and join_request.duplicate_of_id is None:
        senders.append(_notify_editors)
    failed = []
    for send in senders:
        try:
            send(join_request, attempt=1, batch=batch)
        except Exception:  # noqa: BLE001 - any failure: logged and queued again by _send_with_retry
            # Recorded below as this task's failure; the other emails of the batch still go.
            failed.append(send.__name__.lstrip("_"))
    if failed:
        raise EmailsFailed(f"request {join_request.pk}: {', '.join(failed)} failed")


@task()
def send_acknowledgment(join_request_id, attempt=1):
    _send_acknowledgment(JoinRequest.objects.get(pk=join_request_id), attempt, _EmailBatch())


def _send_acknowledgment(join_request, attempt, batch):
    # In the language the contact used on the form, whatever the worker's own.
    with translation.override(join_request.language or settings.LANGUAGE_CODE):
        _send_with_retry(
            send_acknowledgment,
            join_request,
            attempt,
            "signatories/emails/join_acknowledgment",
            [join_request.contact_email],
            connection=batch.connection,
            confirm_url=confirmation_url(join_request, batch.join_page()),
            confirm_days=settings.JOIN_CONFIRM_MAX_AGE // (24 * 60 * 60),
        )


@task()
def notify_editors(join_request_id, attempt=1):
    _notify_editors(JoinRequest.objects.get(pk=join_request_id), attempt, _EmailBatch())


def _notify_editors(join_request, attempt, batch):
    review_url = settings.WAGTAILADMIN_BASE_URL + reverse(
        "signatories_joinrequest_modeladmin_inspect", args=[join_request.pk]
    )
    # Editors read the site's default language, whichever language the request came in.
    with translation.override(settings.LANGUAGE_CODE):
        _send_with_retry(
            notify_editors,
            join_request,
            attempt,
            "signatories/emails/join_notification",
            settings.JOIN_NOTIFY_EMAILS,
            connection=batch.connection,
            review_url=review_url,
        )


def _live_join_page():
    """The join page in the active language, or the first join page; None without one."""
    # Named through the app registry, not imported: the join page's views store the requests
    # these tasks send, so importing the page here would close an import circle.
    join_page = apps.get_model("signatories", "JoinPage").objects.live().first()
    return None if join_page is None else join_page.localized


def confirmation_url(join_request, join_page):
    if join_page is None:
        return ""
    path = join_page.reverse_subpage("confirm", args=[make_token(join_request)])
    return join_page.get_full_url() + path


def _send_with_retry(
    this_task, join_request, attempt, template_prefix, recipients, *, connection=None, **extra
):
    context = {"join_request": join_request, "site_name": settings.WAGTAIL_SITE_NAME, **extra}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, connection=connection)
    except Exception:
        if connection is not None:
            # The shared connection may be broken: the next email opens a fresh one.
            connection.close()
        if attempt < settings.EMAIL_TASK_ATTEMPTS:
            delay = timedelta(seconds=settings.EMAIL_RETRY_SECONDS * 2 ** (attempt - 1))
            this_task.using(run_after=timezone.now() + delay).enqueue(
                join_request.pk, attempt=attempt + 1
            )
            logger.warning(
                "%s for request %s failed (attempt %d); retrying in %s",
                template_prefix,
                join_request.pk,
                attempt,
                delay,
                exc_info=True,
            )
        else:
            logger.exception(
                "%s for request %s failed after %d attempts; giving up",
                template_prefix,
                join_request.pk,
                attempt,
            )
        raise
