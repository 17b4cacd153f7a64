"""Emails about requests, sent by the task worker so a slow mail server never slows a form.

A new request queues one task for both its emails: one row written beside the request, in
the same transaction, whatever the number of emails. A failed email is retried on its own,
as its own task, so a failure never sends the other one twice. A failed attempt is recorded
as a failed task result (visible in the admin under Settings → Background tasks) and a new
attempt is queued with a growing delay, up to EMAIL_TASK_ATTEMPTS in all.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import JoinPage, JoinRequest

logger = logging.getLogger(__name__)


def queue_request_emails(join_request):
    """Queue the acknowledgment (with its confirmation link) and the editors' notice."""
    send_request_emails.enqueue(join_request.pk)


class EmailsFailed(Exception):
    """Some of a request's emails failed; each is queued again on its own."""


@task()
def send_request_emails(join_request_id):
    """The first attempt at a new request's emails: the acknowledgment, then the editors'
    notice, each tried whatever happens to the other."""
    join_request = JoinRequest.objects.get(pk=join_request_id)
    senders = [_send_acknowledgment]
    if settings.JOIN_NOTIFY_EMAILS:
        senders.append(_notify_editors)
    failed = []
    for send in senders:
        try:
            send(join_request, attempt=1)
        except Exception:
            # Logged and queued again by _send_with_retry; recorded below as this task's failure.
            failed.append(send.__name__.lstrip("_"))
    if failed:
        raise EmailsFailed(f"request {join_request_id}: {', '.join(failed)} failed")


@task()
def send_acknowledgment(join_request_id, attempt=1):
    _send_acknowledgment(JoinRequest.objects.get(pk=join_request_id), attempt)


def _send_acknowledgment(join_request, attempt):
    # In the language the contact used on the form, whatever the worker's own.
    with translation.override(join_request.language or settings.LANGUAGE_CODE):
        _send_with_retry(
            send_acknowledgment,
            join_request,
            attempt,
            "signatories/emails/join_acknowledgment",
            [join_request.contact_email],
            confirm_url=confirmation_url(join_request),
            confirm_days=settings.JOIN_CONFIRM_MAX_AGE // (24 * 60 * 60),
        )


@task()
def notify_editors(join_request_id, attempt=1):
    _notify_editors(JoinRequest.objects.get(pk=join_request_id), attempt)


def _notify_editors(join_request, attempt):
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
            review_url=review_url,
        )


def confirmation_url(join_request):
    """The link on the join page in the active language, or the first join page."""
    from .confirmation import make_token

    join_page = JoinPage.objects.live().first()
    if join_page is None:
        return ""
    join_page = join_page.localized
    path = join_page.reverse_subpage("confirm", args=[make_token(join_request)])
    return join_page.get_full_url() + path


def _send_with_retry(this_task, join_request, attempt, template_prefix, recipients, **extra):
    context = {"join_request": join_request, "site_name": settings.WAGTAIL_SITE_NAME, **extra}
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
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
