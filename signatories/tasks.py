"""Background work for join requests, run through Django's tasks framework.

Wagtail installs ``django_tasks``; with its default immediate backend these run in the
request, and a database or queue backend moves them out of it without code changes.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from .models import JoinRequest

logger = logging.getLogger(__name__)


@task()
def send_join_request_emails(join_request_id):
    """Acknowledge a join request to its contact and tell the editors about it."""
    join_request = JoinRequest.objects.get(pk=join_request_id)
    context = {
        "join_request": join_request,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "review_url": settings.WAGTAILADMIN_BASE_URL
        + reverse("signatories_joinrequest_modeladmin_inspect", args=[join_request.pk]),
    }
    _send(
        "signatories/emails/join_acknowledgment",
        context,
        [join_request.contact_email],
    )
    if settings.JOIN_NOTIFY_EMAILS:
        _send("signatories/emails/join_notification", context, settings.JOIN_NOTIFY_EMAILS)


def _send(template_prefix, context, recipients):
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
    body = render_to_string(f"{template_prefix}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        logger.exception("could not send %s to %d recipient(s)", template_prefix, len(recipients))
        raise
