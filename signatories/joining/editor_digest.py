"""The editors' digest: one email listing the requests received since the last one.

A flood of requests must not become a flood of email to the editors: instead of one notice
per request, a digest goes out at most once per EMAIL_DIGEST_SECONDS, listing every request
not yet in one, with a link to each in the queue. It carries no contact details: those stay
in the admin, where the retention purge reaches them, not in editors' mailboxes.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ..models.join_request import JoinRequest
from . import outbox
from .mailing import send_with_retry

logger = logging.getLogger(__name__)

# Requests listed in one digest at most; the rest go in the next, sent right after it.
DIGEST_BATCH = 200


def send_digest(mailing, retry_task):
    """Claim up to DIGEST_BATCH requests not yet in a digest and send one digest of them.

    Returns how many were listed and whether more are waiting; raises when the email
    failed (its retry, for the same requests, is already queued)."""
    pks = outbox.claim_batch(outbox.EDITORS_NOTICE, DIGEST_BATCH)
    if not pks:
        return 0, False
    if settings.JOIN_NOTIFY_EMAILS:
        try:
            send_digest_of(pks, 1, mailing, retry_task)
        except Exception:
            outbox.done(outbox.EDITORS_NOTICE, pks)  # its retry owns them now
            raise
    else:
        logger.info("no JOIN_NOTIFY_EMAILS: %d request(s) in no digest", len(pks))
    outbox.done(outbox.EDITORS_NOTICE, pks)
    return len(pks), len(pks) == DIGEST_BATCH


def send_digest_of(pks, attempt, mailing, retry_task):
    requests = list(JoinRequest.objects.filter(pk__in=pks).order_by("pk"))
    if not requests:
        return  # all deleted by the editors since
    admin = settings.WAGTAILADMIN_BASE_URL
    entries = [
        {
            "request": join_request,
            "review_url": admin
            + reverse("signatories_joinrequest_modeladmin_inspect", args=[join_request.pk]),
        }
        for join_request in requests
    ]
    # Editors read the site's default language, whichever language the requests came in.
    with translation.override(settings.LANGUAGE_CODE):
        send_with_retry(
            (retry_task, [pks]),
            attempt,
            "signatories/emails/editors_digest",
            settings.JOIN_NOTIFY_EMAILS,
            {
                "entries": entries,
                "count": len(entries),
                "queue_url": admin + reverse("signatories_joinrequest_modeladmin_index"),
            },
            mailing=mailing,
            about=f"requests {', '.join(str(pk) for pk in pks)}",
        )
