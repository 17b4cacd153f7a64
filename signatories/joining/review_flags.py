"""What editors should know about a public request, given what is listed and waiting.

Each flag is a ``{"code": ..., "reason": ...}`` dict for ``JoinRequest.review_flags``, worded
in the site's default language, which editors read, whatever the visitor's. None of this is
shown to the visitor: the form says only what the public list shows.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..models.join_request import JoinRequest

UNLISTED = "unlisted"
UNPUBLISHED_LISTING = "unpublished_listing"
REJOIN = "rejoin"
LOOKALIKE_LISTED = "lookalike_listed"
LOOKALIKE_WAITING = "lookalike_waiting"


def already_listed(signatory, join_request):
    """Whether ``signatory`` (found by ``same_or_lookalike``, or None) is the public listing of
    the very name ``join_request`` asks to add."""
    return signatory is not None and signatory.live and signatory.sort_key == join_request.sort_key


def listing_flags(join_request, signatory):
    """Flags for a request to join whose name is an unpublished, withdrawn or look-alike
    listing (``signatory``, found by ``same_or_lookalike``); a published listing of the same
    name is refused by the form instead."""
    if signatory is None or already_listed(signatory, join_request):
        return []
    params = {"name": signatory.name, "group": signatory.group_label}
    if signatory.sort_key != join_request.sort_key:
        if signatory.live:
            text = _(
                "The name looks like “%(name)s”, listed under %(group)s. Approving links this "
                "request to that listing and adds no second one."
            )
        else:
            text = _(
                "The name looks like “%(name)s”, an unpublished listing under %(group)s. "
                "Approving publishes that listing and adds no second one."
            )
        return [_flag(LOOKALIKE_LISTED, text, params)]
    if signatory.first_published_at is not None:
        text = _(
            "“%(name)s” was listed before and taken off the list: this is a request to rejoin. "
            "Approving lists it again."
        )
        return [_flag(REJOIN, text, params)]
    text = _("An unpublished listing “%(name)s” exists under %(group)s: approving publishes it.")
    return [_flag(UNPUBLISHED_LISTING, text, params)]


def unlisted_flag(change_request):
    return _flag(
        UNLISTED,
        _("No signatory named “%(name)s” is listed under %(group)s."),
        {"name": change_request.name, "group": change_request.group_label},
    )


def waiting_request(join_request):
    """The request already waiting for the same organization (its name, or failing that a
    name that looks the same), or None."""
    return JoinRequest.objects.same_or_lookalike(
        join_request, kind=join_request.kind, status=JoinRequest.Status.PENDING
    )


def lookalike_waiting_flag(original):
    return _flag(
        LOOKALIKE_WAITING,
        _("The name looks like “%(name)s”, a request already waiting under %(group)s."),
        {"name": original.name, "group": original.group_label},
    )


def _flag(code, text, params):
    with translation.override(settings.LANGUAGE_CODE):
        values = {key: str(value) for key, value in params.items()}
        return {"code": code, "reason": str(text) % values}
