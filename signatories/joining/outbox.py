"""The request rows as their own email outbox: one due time per email, claimed with a lease.

Storing a request sets the time each of its emails is due (``mark_due``), in the same write.
A sweep claims an email by moving its due time EMAIL_CLAIM_SECONDS on, in a conditional UPDATE
only one sweep can win, and clears it once the email is dealt with. A sweep whose worker dies
(SIGKILL, a lost machine) leaves its claims to expire: the next sweep after that finds them
due again and sends them, so nothing a dead sweep claimed is lost (the one email in flight
when it died may go twice).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models.join_request import JoinRequest
from .review_flags import LOOKALIKE_WAITING

ACKNOWLEDGMENT = "acknowledgment_due_at"
EDITORS_NOTICE = "editors_notice_due_at"
DECISION_NOTICE = "decision_notice_due_at"
OUTBOXES = (ACKNOWLEDGMENT, EDITORS_NOTICE, DECISION_NOTICE)


def mark_due(join_request):
    """Every email of a request just received is due now (saved with the request). A request
    sent again is shown to editors with the one they were already told about, unless its name
    only looks like that one's: someone may be passing for the organization, and the editors
    hear of it in their next digest."""
    now = timezone.now()
    join_request.acknowledgment_due_at = now
    lookalike = any(
        isinstance(flag, dict) and flag.get("code") == LOOKALIKE_WAITING
        for flag in join_request.review_flags
    )
    if join_request.duplicate_of_id is None or lookalike:
        join_request.editors_notice_due_at = now


def mark_decision_due(join_request):
    """The decision on ``join_request`` is due to each contact who asked (the request and the
    ones sent again for it) and confirmed their address; returns how many. An address no one
    confirmed may be a stranger's, typed by someone else, and an erased one is no address."""
    contacts = JoinRequest.objects.filter(Q(pk=join_request.pk) | Q(duplicate_of=join_request))
    told = contacts.filter(confirmed_at__isnull=False).exclude(contact_email="")
    return told.update(decision_notice_due_at=timezone.now())


def due(column, now=None):
    """Requests whose ``column`` email is due: never claimed, or claimed by a sweep that died."""
    return JoinRequest.objects.filter(**{f"{column}__lte": now or timezone.now()})


def any_due(column):
    return JoinRequest.objects.filter(**{f"{column}__isnull": False}).exists()


def _lease(now):
    return now + timedelta(seconds=settings.EMAIL_CLAIM_SECONDS)


def claim(column, pk):
    """Claim one request's email for this sweep; False if another sweep holds it or it was
    dealt with (or the request deleted) since it was read."""
    now = timezone.now()
    claimed = due(column, now).filter(pk=pk).update(**{column: _lease(now)})
    return claimed == 1


def claim_batch(column, limit):
    """Claim up to ``limit`` due requests at once, oldest first; their primary keys.

    Rows another sweep is claiming are skipped (PostgreSQL); SQLite's transactions take the
    write lock at BEGIN, so there the claims follow one another.
    """
    now = timezone.now()
    with transaction.atomic():
        rows = due(column, now).select_for_update(skip_locked=True).order_by("pk")
        pks = list(rows.values_list("pk", flat=True)[:limit])
        JoinRequest.objects.filter(pk__in=pks).update(**{column: _lease(now)})
    return pks


def done(column, pks):
    """The emails of ``pks`` are dealt with (sent, refused, or handed to their own retry)."""
    JoinRequest.objects.filter(pk__in=pks).update(**{column: None})


# --- restoring a backup ----------------------------------------------------------------------


def still_due():
    """What the database knows now: every request's key, and which have an email still due.

    Read before a restore replaces the data; ``keep_due_only`` then applies it, so an email
    sent after the backup was taken is not sent again."""
    rows = JoinRequest.objects.values_list("pk", *OUTBOXES)
    known, due_now = set(), {column: set() for column in OUTBOXES}
    for pk, *due_times in rows:
        known.add(pk)
        for column, due_at in zip(OUTBOXES, due_times, strict=True):
            if due_at is not None:
                due_now[column].add(pk)
    return known, due_now


def keep_due_only(state):
    """Clear the due emails of restored requests whose emails the replaced data had already
    dealt with; returns how many emails were cleared. A request the replaced data did not know
    (deleted since the backup, or a restore onto an empty database) keeps its emails due: it
    is better to send twice than never."""
    known, due_now = state
    cleared = 0
    for column in OUTBOXES:
        restored_due = set(
            JoinRequest.objects.filter(**{f"{column}__isnull": False}).values_list("pk", flat=True)
        )
        sent = [pk for pk in restored_due if pk in known and pk not in due_now[column]]
        done(column, sent)
        cleared += len(sent)
    return cleared
