"""Recording a request once a public form has accepted it."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .tasks import queue_request_emails

logger = logging.getLogger(__name__)


def record_join_request(form):
    return store_request(form.build_request())


def store_request(join_request):
    """Store a request (join, withdrawal or correction) as pending and queue its emails.

    Returns None when an identical request won a race with this one: the database's
    one-pending-per-name constraint, not the form's earlier check, is what guarantees a
    single row.
    """
    # Sending the form is the organization's instruction; record when it was given.
    join_request.consented_at = timezone.now()
    try:
        with transaction.atomic():
            join_request.save()
    except IntegrityError:
        logger.info("%s request for %r lost a race", join_request.kind, join_request.name)
        return None
    transaction.on_commit(lambda: queue_request_emails(join_request))
    logger.info("%s request %s received", join_request.kind, join_request.pk)
    return join_request
