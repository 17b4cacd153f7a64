"""Recording a request once a public form has accepted it."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models.join_request import JoinRequest
from . import outbox
from .email_tasks import schedule_email_sweep
from .review_flags import lookalike_waiting_flag, waiting_request

logger = logging.getLogger(__name__)


def store_request(form):
    """Store the request a valid public form describes (join, withdrawal or correction) and
    queue its emails.

    Raises the form's ValidationError when the public list refuses it (already signed); nothing
    is stored then. The same request already waiting, or one whose name looks the same, gets
    this one stored as sent again for it: thanked like any other, shown to editors with it.
    """
    join_request = form.join_request
    # Sending the form is the organization's instruction; record when it was given.
    join_request.consented_at = timezone.now()
    flags = list(join_request.review_flags)
    try:
        return _store(join_request, form, flags)
    except IntegrityError:
        # The same request was stored between this one's look and its insert (PostgreSQL's
        # READ COMMITTED lets both look at once; the one-pending-per-name constraint refused
        # the second): looking again finds it.
        logger.info("a %s request arrived twice at once", join_request.kind)
        return _store(join_request, form, flags)


def _store(join_request, form, flags):
    # The checks and the insert share one transaction, so no request slips in between on
    # SQLite, whose IMMEDIATE mode takes the write lock at BEGIN.
    with transaction.atomic():
        join_request.review_flags = list(flags)
        form.check_against_list(join_request)
        original = waiting_request(join_request)
        if original is not None:
            join_request.status = JoinRequest.Status.DUPLICATE
            join_request.duplicate_of = original
            if original.sort_key != join_request.sort_key:
                join_request.review_flags.append(lookalike_waiting_flag(original))
        # The row is its own email outbox: the request and its emails are stored together or
        # not at all, in one write.
        outbox.mark_due(join_request)
        join_request.save()
        transaction.on_commit(schedule_email_sweep)
    if original is not None:
        logger.info(
            "%s request %s sent again for %s", join_request.kind, join_request.pk, original.pk
        )
    else:
        logger.info("%s request %s received", join_request.kind, join_request.pk)
    return join_request
