"""The task worker's deployment check: home watches the worker (``worker_status``), so the
check lives here, beside the project's own in campaign/checks.py, under the same tag."""

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError

from campaign.checks import TAG, database_unreadable

from .worker_status import worker_status


@register(TAG, deploy=True)
def check_task_worker_ran_lately(app_configs=None, **kwargs):
    """A stopped task worker sends no email: requesters and editors would hear nothing."""
    try:
        status = worker_status()
    except DatabaseError as error:
        return [database_unreadable("task worker", error)]
    if not status.stale:
        return []
    return [
        Warning(
            f"{status}: nothing has been heard from the task worker for over "
            f"{settings.TASK_WORKER_STALE_MINUTES} minutes (TASK_WORKER_STALE_MINUTES), so "
            "emails to requesters and editors and other background work are not done.",
            hint="Start `manage.py db_worker` (e.g. its systemd service) and read its log; "
            "see docs/deploy.md, Background work.",
            id="campaign.W006",
        )
    ]
