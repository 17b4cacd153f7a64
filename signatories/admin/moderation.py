"""Editors' decisions on join requests."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..history import own_history
from ..joining import decision_notices, outbox
from ..joining.email_tasks import schedule_email_sweep
from ..models import JoinRequest, Signatory
from ..statement import live_statements
from . import contact_relation

logger = logging.getLogger(__name__)

APPROVE_ACTION = "signatories.approve_join_request"
REJECT_ACTION = "signatories.reject_join_request"
# In the signatory's own history: a request about it was approved (its data names the kind).
REQUEST_APPROVED_ACTION = "signatories.request_approved"


class ModerationError(Exception):
    """A decision that cannot be made, with a message for the editor."""


class ChecksRequired(ModerationError):
    """Approving needs the editor's explicit checks: ``missing`` maps each checkbox's name to
    why it is needed."""

    def __init__(self, missing):
        self.missing = missing
        super().__init__(" ".join(str(reason) for reason in missing.values()))


# The decision page's checkboxes.
OVERRIDE_UNCONFIRMED = "override_unconfirmed"
VERIFIED_ANOTHER_WAY = "verified_another_way"


def live_statement_revision():
    """The statement text as published now: what an organization approved now has signed."""
    statement = live_statements().only("live_revision").first()
    return statement.live_revision if statement else None


def _lock_pending(join_request):
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not locked.is_pending:
        raise ModerationError(
            _("This request was already %(status)s.") % {"status": locked.get_status_display()}
        )
    return locked


def approve(join_request, user, note="", *, override_unconfirmed=False, verified_another_way=False):
    """List the organization publicly: publish its existing signatory or create one; or make
    the withdrawal or correction a request asks for.

    Returns the Signatory. A join publishes the listing with the same name, or one whose name
    looks the same, rather than add a second: it gets a revision and a publish entry in its
    history, as if an editor had published it by hand. A request no contact confirmed needs
    ``override_unconfirmed``; a withdrawal or correction that no confirmed contact's email ties
    to the listing needs ``verified_another_way`` (see ``contact_relation``).

    Each decision's log entries are its own, so deciding many requests in one admin request
    (bulk approval) leaves each signatory its entries (see ``signatories.history``).
    """
    with transaction.atomic(), own_history(user):
        return _approve(
            join_request,
            user,
            note,
            override_unconfirmed=override_unconfirmed,
            verified_another_way=verified_another_way,
        )


def _approve(join_request, user, note, *, override_unconfirmed, verified_another_way):
    join_request = _lock_pending(join_request)
    missing = {}
    if not override_unconfirmed and not join_request.confirmed_by_a_contact():
        missing[OVERRIDE_UNCONFIRMED] = _(
            "The contact has not confirmed this request. Approve it anyway only if you are sure."
        )
    if join_request.kind in CHANGE_APPROVALS:
        signatory = _require_change_target(join_request)
        if not verified_another_way and not contact_relation.vouched_for(join_request, signatory):
            missing[VERIFIED_ANOTHER_WAY] = _(
                "Nothing ties a confirmed contact's email to this listing: verify the request "
                "with the organization another way first."
            )
    if missing:
        raise ChecksRequired(missing)
    if join_request.kind in CHANGE_APPROVALS:
        return CHANGE_APPROVALS[join_request.kind](join_request, signatory, user, note)
    signatory = Signatory.objects.same_or_lookalike(join_request)
    if signatory is None:
        signatory = Signatory(
            name=join_request.name,
            level=join_request.level,
            state=join_request.state,
            city=join_request.city,
            website=join_request.website,
            live=False,
        )
        signatory.save()
        log(instance=signatory, action="wagtail.create", user=user)
    published_now = not signatory.live
    if published_now:
        revision = signatory.save_revision(user=user)
        revision.publish(user=user)
        signatory.refresh_from_db()
    # Listed now, so it signs the statement as it reads now: one that rejoins too.
    if published_now or signatory.signed_revision_id is None:
        signatory.signed_revision = live_statement_revision()
        signatory.save(update_fields=["signed_revision"])
    _record_approval(join_request, signatory, user, note)
    return signatory


def reject(join_request, user, note=""):
    """Keep the request on record as rejected; nothing is listed."""
    with transaction.atomic(), own_history(user):
        join_request = _lock_pending(join_request)
        join_request.status = JoinRequest.Status.REJECTED
        _record_decision(join_request, user, note, REJECT_ACTION)
    return join_request


def change_target(join_request):
    """The signatory a withdrawal or correction is about: the one linked when it was sent, or
    else one whose name matches now (an editor may have corrected the request's name)."""
    return join_request.signatory or Signatory.objects.in_group_of(join_request).first()


def _approve_withdrawal(join_request, signatory, user, note=""):
    """Take the listing off the public list; the record and its history stay."""
    if signatory.live:
        signatory.unpublish(user=user)
    _record_approval(join_request, signatory, user, note)
    return signatory


def _approve_correction(join_request, signatory, user, note=""):
    """Record the decision; the editor makes the correction itself in the signatory's editor."""
    _record_approval(join_request, signatory, user, note)
    return signatory


# Requests about an existing listing: approve() locks and checks them, then changes the listing
# instead of adding one.
CHANGE_APPROVALS = {
    JoinRequest.Kind.WITHDRAWAL: _approve_withdrawal,
    JoinRequest.Kind.CORRECTION: _approve_correction,
}


def _require_change_target(join_request):
    signatory = change_target(join_request)
    if signatory is None:
        raise ModerationError(
            _(
                "No signatory matches this request. Edit the request's name or state to match "
                "the listing, or reject it."
            )
        )
    return signatory


def _record_approval(join_request, signatory, user, note):
    join_request.status = JoinRequest.Status.APPROVED
    join_request.signatory = signatory
    _record_decision(join_request, user, note, APPROVE_ACTION)
    # The signatory's history says which request changed it, whatever the change was.
    log(
        instance=signatory,
        action=REQUEST_APPROVED_ACTION,
        user=user,
        data={"join_request": join_request.pk, "kind": join_request.kind},
    )


def _record_decision(join_request, user, note, action):
    join_request.decided_by = user
    join_request.decided_at = timezone.now()
    if note:
        join_request.editor_note = note
    join_request.decision_note = note
    join_request.save()
    # The requests sent again for it are decided with it (and forgotten with it).
    join_request.duplicates.update(decided_at=join_request.decided_at, decided_by=user)
    log(instance=join_request, action=action, user=user)
    if decision_notices.tells_the_contact(join_request) and outbox.mark_decision_due(join_request):
        transaction.on_commit(schedule_email_sweep)
    logger.info("join request %s %s by user %s", join_request.pk, join_request.status, user.pk)
