"""The contact's email about the decision on their request: a rejection (quoting the note the
editor gave with it), a withdrawal done, a correction made.

A correction is approved first and made after, in the signatory's editor: its email waits in
the outbox until the listing is published after the decision (``ready``), and publishing it
schedules a sweep (``signals``).

Each contact who asked gets an email of their own, about the request as they sent it (their
organization name, in their language): nothing another contact typed, not even the other
contacts' existence. Approving a join sends nothing here: the list itself shows it.
"""

from django.conf import settings
from django.db.models import F, Q
from django.utils import translation

from ..models.join_request import JoinRequest
from . import outbox
from .mailing import send_with_retry

TOLD = {
    (JoinRequest.Kind.JOIN, JoinRequest.Status.REJECTED),
    (JoinRequest.Kind.WITHDRAWAL, JoinRequest.Status.REJECTED),
    (JoinRequest.Kind.CORRECTION, JoinRequest.Status.REJECTED),
    (JoinRequest.Kind.WITHDRAWAL, JoinRequest.Status.APPROVED),
    (JoinRequest.Kind.CORRECTION, JoinRequest.Status.APPROVED),
}


def tells_the_contact(join_request):
    """Whether deciding ``join_request`` this way emails its contacts."""
    return (join_request.kind, join_request.status) in TOLD


def ready():
    """Due decision emails that may go now: all but those of corrections whose listing has
    not been published since the decision (a request sent again is decided with its own)."""
    made = Q(signatory__last_published_at__gte=F("decided_at")) | Q(
        duplicate_of__signatory__last_published_at__gte=F("duplicate_of__decided_at")
    )
    rejected = Q(status=JoinRequest.Status.REJECTED) | Q(
        duplicate_of__status=JoinRequest.Status.REJECTED
    )
    return outbox.due(outbox.DECISION_NOTICE).filter(
        ~Q(kind=JoinRequest.Kind.CORRECTION) | rejected | made
    )


def corrections_waiting_for(signatory):
    """Whether a correction of ``signatory`` has its contacts' email waiting to be made."""
    return JoinRequest.objects.filter(
        Q(signatory=signatory) | Q(duplicate_of__signatory=signatory),
        kind=JoinRequest.Kind.CORRECTION,
        decision_notice_due_at__isnull=False,
    ).exists()


def notify(join_request, mailing, retry_task):
    """A claimed contact's decision email, first attempt. Raises when it failed (its retry is
    already queued); either way the email is dealt with when this returns or raises."""
    try:
        send_decision_notice(join_request, 1, mailing, retry_task)
    finally:
        outbox.done(outbox.DECISION_NOTICE, [join_request.pk])


def send_decision_notice(join_request, attempt, mailing, retry_task):
    # A request sent again is decided with the one it repeats.
    decided = join_request.duplicate_of or join_request
    if not tells_the_contact(decided) or not join_request.contact_email:
        return
    rejected = decided.status == JoinRequest.Status.REJECTED
    with translation.override(join_request.language or settings.LANGUAGE_CODE):
        send_with_retry(
            (retry_task, [join_request.pk]),
            attempt,
            "signatories/emails/decision_notice",
            [join_request.contact_email],
            {
                "kind": decided.kind,
                "rejected": rejected,
                "name": join_request.name,
                "group": join_request.group_label,
                "note": decided.decision_note if rejected else "",
            },
            mailing=mailing,
            about=f"request {join_request.pk}",
        )
