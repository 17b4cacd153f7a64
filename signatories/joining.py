"""Recording a join request once the form has accepted it."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .tasks import queue_request_emails

logger = logging.getLogger(__name__)


def record_join_request(form):
    """Store the form's request as pending and queue its emails.

    Returns None when an identical request won a race with this one: the database's
    one-pending-per-name constraint, not the form's earlier check, is what guarantees a
    single row.
    """
    join_request = form.build_request()
    join_request.consented_at = timezone.now()
    try:
        with transaction.atomic():
            join_request.save()
    except IntegrityError:
        logger.info("join request for %r lost a race with an identical one", join_request.name)
        return None
    transaction.on_commit(lambda: queue_request_emails(join_request))
    logger.info("join request %s received", join_request.pk)
    return join_request
