"""Recording a request once a public form has accepted it."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import outbox
from .email_tasks import schedule_email_sweep

logger = logging.getLogger(__name__)


def record_join_request(form):
    return store_request(form.join_request, form)


def store_request(join_request, form):
    """Store a request (join, withdrawal or correction) as pending and queue its emails.

    Raises the form's ValidationError when the stored data refuses it (already signed, or
    the same request already waiting); nothing is stored then.
    """
    # Sending the form is the organization's instruction; record when it was given.
    join_request.consented_at = timezone.now()
    try:
        # The check and the insert share one transaction, so no request can slip in between.
        # SQLite's IMMEDIATE mode takes the write lock at BEGIN; PostgreSQL's READ COMMITTED
        # lets two requests both pass it. The same request already waiting needs no check:
        # the one-pending-per-name constraint refuses it, on both databases.
        with transaction.atomic():
            refusal = form.refusal_no_constraint_enforces(join_request)
            if refusal is not None:
                raise refusal
            # The row is its own email outbox: the request and its emails are stored
            # together or not at all, in one write.
            outbox.mark_due(join_request)
            join_request.save()
            transaction.on_commit(schedule_email_sweep)
    except IntegrityError:
        refusal = form.refusal(join_request)
        if refusal is None:
            raise
        logger.info("%s request for %r is already waiting", join_request.kind, join_request.name)
        raise refusal from None
    logger.info("%s request %s received", join_request.kind, join_request.pk)
    return join_request
