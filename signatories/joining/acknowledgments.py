"""The contact's acknowledgment: the confirmation link, within limits per address and domain.

Anyone can type any address into the forms, so the acknowledgment says as little as it can
in words a stranger chose (the organization's name, which the contact needs to recognize the
request; not the contact's name or the "what to change" text), and no address or mail domain
gets more than JOIN_ACK_ADDRESS_LIMIT and JOIN_ACK_DOMAIN_LIMIT of them. Past a limit the
request is kept and flagged for the editors, and no email is sent: nothing is lost, and the
forms cannot be used to mail a stranger, or one organization, over and over.
"""

import hashlib
import logging

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from campaign.rate_limits import hit

from . import outbox
from .confirmation import make_token
from .mailing import send_with_retry

logger = logging.getLogger(__name__)

WITHHELD = "acknowledgment-withheld"


def acknowledge(join_request, mailing, retry_task):
    """A claimed request's acknowledgment, first attempt: sent, or withheld past a limit.

    Raises when the email failed (its retry is already queued). Either way the request's
    acknowledgment is dealt with when this returns or raises."""
    refusal = limit_refusal(join_request.contact_email)
    if refusal:
        logger.info("request %s: acknowledgment withheld (%s)", join_request.pk, refusal)
        _flag_withheld(join_request, refusal)
    else:
        try:
            send_acknowledgment(join_request, 1, mailing, retry_task)
        except Exception:
            outbox.done(outbox.ACKNOWLEDGMENT, [join_request.pk])  # its retry owns it now
            raise
    outbox.done(outbox.ACKNOWLEDGMENT, [join_request.pk])


def send_acknowledgment(join_request, attempt, mailing, retry_task):
    # In the language the contact used on the form, whatever the worker's own.
    with translation.override(join_request.language or settings.LANGUAGE_CODE):
        send_with_retry(
            (retry_task, [join_request.pk]),
            attempt,
            "signatories/emails/join_acknowledgment",
            [join_request.contact_email],
            {
                "join_request": join_request,
                "confirm_url": confirmation_url(join_request, mailing.join_page()),
                "confirm_days": settings.JOIN_CONFIRM_MAX_AGE // (24 * 60 * 60),
            },
            mailing=mailing,
            about=f"request {join_request.pk}",
        )


def confirmation_url(join_request, join_page):
    if join_page is None:
        return ""
    path = join_page.reverse_subpage("confirm", args=[make_token(join_request)])
    return join_page.get_full_url() + path


def limit_refusal(address):
    """Why ``address`` gets no acknowledgment now (a limit reached), or None.

    Counted in the cache, like the forms' own limits; the keys hold a digest of the address,
    not the address. A domain is counted only for acknowledgments its address was allowed."""
    address = address.strip().lower()
    domain = address.rpartition("@")[2]
    if not hit("ack-address", _digest(address), settings.JOIN_ACK_ADDRESS_LIMIT):
        return "address"
    if not hit("ack-domain", _digest(domain), settings.JOIN_ACK_DOMAIN_LIMIT):
        return "domain"
    return None


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _flag_withheld(join_request, refusal):
    # Stored for editors, so in the site's default language whatever the contact's.
    with translation.override(settings.LANGUAGE_CODE):
        if refusal == "address":
            count, seconds = settings.JOIN_ACK_ADDRESS_LIMIT
            reason = _(
                "No acknowledgment was sent: this contact address already had %(count)s in "
                "%(hours)s hours. The contact has no confirmation link."
            )
        else:
            count, seconds = settings.JOIN_ACK_DOMAIN_LIMIT
            reason = _(
                "No acknowledgment was sent: addresses at this mail domain already had "
                "%(count)s in %(hours)s hours. The contact has no confirmation link."
            )
        flag = {
            "code": WITHHELD,
            "reason": reason % {"count": count, "hours": _hours(seconds)},
        }
    join_request.review_flags = [*join_request.review_flags, flag]
    type(join_request).objects.filter(pk=join_request.pk).update(
        review_flags=join_request.review_flags
    )


def _hours(seconds):
    hours = seconds / 3600
    return f"{hours:g}" if hours >= 1 else f"{hours:.2g}"
