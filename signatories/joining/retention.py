"""Forgetting who asked: contact details of decided requests are kept only as long as needed.

A request's contact name and email exist to confirm it and to answer questions while it is
being decided. Once decided and older than the retention period they are erased from the
request and from anywhere else the site copied them: audit-log entries and the records of
email tasks (a refused delivery's error message can quote the address).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from ..models.join_request import JoinRequest

ERASED = "[erased]"


@dataclass
class PurgeReport:
    requests: list = field(default_factory=list)
    log_entries: int = 0
    task_results: int = 0


def expired_requests(days, now=None):
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return (
        JoinRequest.objects.exclude(status=JoinRequest.Status.PENDING)
        .filter(decided_at__lt=cutoff)
        .exclude(contact_email="")
    )


def purge_contact_details(days, dry_run=False):
    """Erase contact details of requests decided more than ``days`` ago; idempotent."""
    report = PurgeReport()
    with transaction.atomic():
        for join_request in expired_requests(days).select_for_update():
            report.requests.append(join_request.pk)
            secrets = [s for s in (join_request.contact_email, join_request.contact_name) if s]
            report.log_entries += _scrub(
                ModelLogEntry.objects.for_instance(join_request),
                ["data", "label"],
                secrets,
                dry_run,
            )
            tasks = DBTaskResult.objects.filter(args_kwargs__args__0=join_request.pk)
            report.task_results += _scrub(tasks, ["traceback", "return_value"], secrets, dry_run)
            if not dry_run:
                join_request.contact_name = ""
                join_request.contact_email = ""
                join_request.save(update_fields=["contact_name", "contact_email"])
        if dry_run:
            transaction.set_rollback(True)
    return report


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
