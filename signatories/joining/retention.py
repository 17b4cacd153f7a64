"""Forgetting who asked: a request's personal details are kept only as long as needed.

A request's contact name and email exist to confirm it and to answer questions while it is
being decided; its "what to change" text and the editor's note may hold more (a phone number,
an address). Once the request has been decided for the retention period, or has waited that
long undecided, all of them are erased from the request and from anywhere else the site copied
them: audit-log entries and the records of email tasks (a refused delivery's error message can
quote the address). Each erasure leaves an entry in the request's history that says so and
quotes nothing.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from ..models.join_request import JoinRequest

logger = logging.getLogger(__name__)

ERASED = "[erased]"
PURGE_ACTION = "signatories.purge_personal_details"
PERSONAL_FIELDS = ["contact_name", "contact_email", "details", "editor_note", "decision_note"]
# Addresses and phone numbers inside the free-text fields, which copies may quote on their own.
QUOTABLE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ().-]{5,}\d")


@dataclass
class PurgeReport:
    requests: list = field(default_factory=list)
    log_entries: int = 0
    task_results: int = 0


def expired_requests(days, now=None):
    """Requests decided, or received and still undecided, more than ``days`` ago that still
    hold a personal detail."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    expired = Q(decided_at__lt=cutoff) | Q(status=JoinRequest.Status.PENDING, created_at__lt=cutoff)
    holds_something = Q()
    for name in PERSONAL_FIELDS:
        holds_something |= ~Q(**{name: ""})
    return JoinRequest.objects.filter(expired & holds_something)


def purge_contact_details(days, dry_run=False):
    """Erase the personal details of requests past the retention period; idempotent."""
    report = PurgeReport()
    with transaction.atomic():
        for join_request in expired_requests(days).select_for_update():
            report.requests.append(join_request.pk)
            secrets = _secrets(join_request)
            report.log_entries += _scrub(
                ModelLogEntry.objects.for_instance(join_request),
                ["data", "label"],
                secrets,
                dry_run,
            )
            tasks = DBTaskResult.objects.filter(args_kwargs__args__0=join_request.pk)
            report.task_results += _scrub(tasks, ["traceback", "return_value"], secrets, dry_run)
            if not dry_run:
                for name in PERSONAL_FIELDS:
                    setattr(join_request, name, "")
                join_request.save(update_fields=PERSONAL_FIELDS)
                log(instance=join_request, action=PURGE_ACTION, data={"days": days})
        if dry_run:
            transaction.set_rollback(True)
    if report.requests and not dry_run:
        logger.info(
            "retention: erased the personal details of %d request(s) past %d days",
            len(report.requests),
            days,
        )
    return report


def _secrets(join_request):
    """What must not survive anywhere: each personal field, and what the free text quotes;
    longest first, so a field containing another is replaced whole."""
    values = [getattr(join_request, name) for name in PERSONAL_FIELDS]
    quoted = [match for value in values for match in QUOTABLE.findall(value)]
    return sorted({s.strip() for s in values + quoted if s.strip()}, key=len, reverse=True)


def _scrub(queryset, fields, secrets, dry_run):
    """Replace ``secrets`` in text and JSON fields of the rows that contain them."""
    changed = 0
    for row in queryset:
        dirty = False
        for name in fields:
            value = getattr(row, name)
            cleaned = _replace(value, secrets)
            if cleaned != value:
                setattr(row, name, cleaned)
                dirty = True
        if dirty:
            changed += 1
            if not dry_run:
                row.save(update_fields=fields)
    return changed


def _replace(value, secrets):
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, ERASED)
        return value
    if isinstance(value, dict):
        return {key: _replace(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(item, secrets) for item in value]
    return value
