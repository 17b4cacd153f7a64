"""Emails about requests, sent by the task worker so a slow mail server never slows a form.

The request row is its own outbox (``outbox``): the transaction that stores a request marks
its emails due and writes nothing else. A sweep task (``send_due_emails``) sends the
acknowledgment of every request stored since the last sweep; each form submission only makes
sure one sweep is scheduled, so a spike of joins adds no task rows and the worker runs one task
per few seconds, not one per join. The editors get a digest (``send_editors_digest``) at most
once per EMAIL_DIGEST_SECONDS, scheduled by the sweeps the same way. A failed email is retried
on its own, as its own task, so a failure never sends another email twice. A failed attempt is
recorded as a failed task result (visible in the admin under Settings → Background tasks) and
a new attempt is queued with a growing delay, up to EMAIL_TASK_ATTEMPTS in all.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from campaign.cache_backends import claim

from ..models.join_request import JoinRequest
from . import acknowledgments, decision_notices, editor_digest, outbox
from .mailing import Mailing

logger = logging.getLogger(__name__)


SWEEP_SCHEDULED_KEY = "signatories:email-sweep-scheduled"
DIGEST_SCHEDULED_KEY = "signatories:editors-digest-scheduled"
# How many requests one sweep acknowledges before it hands over to a fresh sweep task, so
# other tasks get their turn during a spike.
SWEEP_BATCH = 200


def schedule_email_sweep():
    """Make sure a sweep runs after the request just stored; called once it is committed."""
    _schedule(send_due_emails, settings.EMAIL_SWEEP_SECONDS, SWEEP_SCHEDULED_KEY)


def schedule_editors_digest():
    _schedule(send_editors_digest, settings.EMAIL_DIGEST_SECONDS, DIGEST_SCHEDULED_KEY)


def _schedule(sweep, window, key):
    """The first caller in a window of ``window`` seconds sets a cache key that lives that
    long and queues ``sweep`` to run a second after the key expires. A later caller who finds
    the key committed its request before that sweep's start, so the sweep covers it: every
    request is covered, whichever process or server stored it, and a spike writes one task
    row per window. The key is in the default cache, so the window is shared by every app
    server (Redis) or by the processes of one machine (the box cache). A cache that fails to
    answer (Redis down) schedules a sweep every time.
    """
    try:
        if not sweep.get_backend().supports_defer or window <= 0:
            sweep.enqueue()
        elif claim(cache, key, window) is not False:
            sweep.using(run_after=timezone.now() + timedelta(seconds=window + 1)).enqueue()
    except Exception:
        # The request is stored and its emails stay due: the next request's sweep sends
        # them, and so does `manage.py send_due_emails`.
        cache.delete(key)
        logger.exception("could not schedule %s", sweep.name)


class EmailsFailed(Exception):
    """Some emails of a sweep failed; each is queued again on its own."""


@task()
def send_due_emails():
    """Send every due acknowledgment, then every due decision email, oldest first, then make
    sure the editors' digest follows.

    Each email is claimed (with a lease) before it goes out, so two sweeps running at once
    never send the same email twice, and one that dies leaves it to the next.
    """
    # Read once for the batch; the claim below is what decides who sends.
    batches = [
        (column, send_one, list(due.order_by("pk")[:SWEEP_BATCH]))
        for column, send_one, due in (
            (outbox.ACKNOWLEDGMENT, _acknowledge, outbox.due(outbox.ACKNOWLEDGMENT)),
            (outbox.DECISION_NOTICE, _tell_decision, decision_notices.ready()),
        )
    ]
    claimed = {}
    failed = []
    mailing = Mailing.connected() if any(due for _, _, due in batches) else None
    try:
        for column, send_one, due in batches:
            claimed[column] = _send_batch(column, send_one, due, mailing, failed)
    finally:
        if mailing is not None:
            mailing.close()
    if any(len(due) == SWEEP_BATCH for _, _, due in batches):
        send_due_emails.enqueue()  # more may be waiting
    if claimed[outbox.ACKNOWLEDGMENT] or outbox.any_due(outbox.EDITORS_NOTICE):
        schedule_editors_digest()
    logger.info(
        "email sweep: %d requests acknowledged, %d contacts told of a decision",
        claimed[outbox.ACKNOWLEDGMENT],
        claimed[outbox.DECISION_NOTICE],
    )
    if failed:
        # Recorded as this task's failure; each failed email is already queued again.
        raise EmailsFailed("; ".join(failed))


def _send_batch(column, send_one, due, mailing, failed):
    claimed = 0
    for join_request in due:
        if not outbox.claim(column, join_request.pk):
            continue  # another sweep took it, or an editor deleted the request
        claimed += 1
        try:
            send_one(join_request, mailing)
        except Exception:
            # Whatever breaks one email must not hold back the rest; a failed send is
            # already queued again.
            logger.exception("%s of request %s failed", column, join_request.pk)
            failed.append(f"request {join_request.pk}: {column} email failed")
    return claimed


def _acknowledge(join_request, mailing):
    acknowledgments.acknowledge(join_request, mailing, send_acknowledgment)


def _tell_decision(join_request, mailing):
    decision_notices.notify(join_request, mailing, send_decision_notice)


@task()
def send_editors_digest():
    """One email to the editors listing the requests not yet in a digest."""
    mailing = Mailing.connected()
    try:
        listed, more = editor_digest.send_digest(mailing, notify_editors)
    except Exception as exc:
        raise EmailsFailed(f"editors' digest failed: {exc}") from exc
    finally:
        mailing.close()
    if more:
        send_editors_digest.enqueue()
    logger.info("editors' digest: %d requests listed", listed)


def send_all_due_emails():
    """Send every email still due, here and now, sweep after sweep until none is left.

    Returns how many requests had an email due and the messages of the sweeps that failed;
    each failed email is already queued for its own retry.
    """
    before = JoinRequest.objects.filter(
        Q(acknowledgment_due_at__isnull=False)
        | Q(editors_notice_due_at__isnull=False)
        | Q(decision_notice_due_at__isnull=False)
    ).count()
    failures = []
    for sweep, due in (
        (send_due_emails, lambda: outbox.due(outbox.ACKNOWLEDGMENT)),
        # A correction not made yet stays due: its email waits for the listing's publication.
        (send_due_emails, decision_notices.ready),
        (send_editors_digest, lambda: outbox.due(outbox.EDITORS_NOTICE)),
    ):
        while due().exists():
            try:
                sweep.call()
            except EmailsFailed as exc:
                failures.append(str(exc))
    return before, failures


@task()
def send_acknowledgment(join_request_id, attempt=1):
    """A later attempt at one acknowledgment."""
    join_request = JoinRequest.objects.get(pk=join_request_id)
    acknowledgments.send_acknowledgment(join_request, attempt, Mailing(), send_acknowledgment)


@task()
def send_decision_notice(join_request_id, attempt=1):
    """A later attempt at one contact's decision email."""
    join_request = JoinRequest.objects.filter(pk=join_request_id).first()
    if join_request is not None:  # else deleted by an editor since
        decision_notices.send_decision_notice(
            join_request, attempt, Mailing(), send_decision_notice
        )


@task()
def notify_editors(join_request_ids, attempt=1):
    """A later attempt at one editors' digest, of the same requests."""
    # A retry queued before digests existed names a single request.
    pks = join_request_ids if isinstance(join_request_ids, list) else [join_request_ids]
    editor_digest.send_digest_of(pks, attempt, Mailing(), notify_editors)
