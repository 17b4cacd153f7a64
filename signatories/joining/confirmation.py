"""Signed, expiring, single-use links that confirm a request came from its contact.

The token names the request and a digest of its contact address, so it stops working if
an editor changes the address; it is single-use because a confirmed request is never
confirmed again. Nothing is stored: the signature is the proof.
"""

import hashlib

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models.join_request import JoinRequest

# "/" separates the token's parts: Wagtail's page URLs allow only word characters and "-"
# within a path segment, so the default ":" would make every link a 404.
_SIGNER_OPTIONS = {"salt": "signatories.confirm", "sep": "/"}


class ConfirmationError(Exception):
    """Why a link cannot confirm anything; the message is shown to the visitor."""


def _email_digest(email):
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:16]


def make_token(join_request):
    payload = {"r": join_request.pk, "e": _email_digest(join_request.contact_email)}
    return signing.TimestampSigner(**_SIGNER_OPTIONS).sign_object(payload)


def request_for_token(token):
    """The pending, unconfirmed request a token confirms, or ConfirmationError."""
    try:
        payload = signing.TimestampSigner(**_SIGNER_OPTIONS).unsign_object(
            token, max_age=settings.JOIN_CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired:
        raise ConfirmationError(
            _("This confirmation link has expired. Please send the form again.")
        ) from None
    except signing.BadSignature:
        raise ConfirmationError(_("This confirmation link is not valid.")) from None
    if not isinstance(payload, dict):
        raise ConfirmationError(_("This confirmation link is not valid."))
    join_request = (
        JoinRequest.objects.select_related("duplicate_of").filter(pk=payload.get("r")).first()
    )
    if join_request is None or payload.get("e") != _email_digest(join_request.contact_email):
        raise ConfirmationError(_("This confirmation link is not valid."))
    if join_request.is_confirmed:
        raise ConfirmationError(_("This request was already confirmed. Thank you!"))
    if not join_request.is_open:
        raise ConfirmationError(_("This request has already been decided by our editors."))
    return join_request


def confirm(token):
    """Mark the token's request confirmed; returns it. Concurrent uses confirm once."""
    join_request = request_for_token(token)
    updated = JoinRequest.objects.filter(pk=join_request.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    if not updated:
        raise ConfirmationError(_("This request was already confirmed. Thank you!"))
    join_request.refresh_from_db()
    return join_request
