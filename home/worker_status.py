"""Whether the task worker is keeping up, in plain words: when it last ran and how many tasks
wait for it. Shown on the dashboard and above the join-request queue (approvals' emails wait
for the worker), and checked by `check --deploy` (home.checks)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult
from wagtail.admin.ui.components import Component

from .workers import last_seen


@dataclass(frozen=True)
class WorkerStatus:
    last_seen: datetime | None
    waiting: int
    now: datetime

    @property
    def stale(self):
        limit = timedelta(minutes=settings.TASK_WORKER_STALE_MINUTES)
        return self.last_seen is None or self.now - self.last_seen > limit

    @property
    def last_ran(self):
        if self.last_seen is None:
            return _("Task worker has never run")
        if self.now - self.last_seen < timedelta(minutes=1):
            # A running worker is seen every few seconds; timesince would say "0 minutes".
            return _("Task worker last ran less than a minute ago")
        return _("Task worker last ran %(time)s ago") % {
            "time": timesince(self.last_seen, self.now)
        }

    @property
    def waiting_text(self):
        return ngettext("%(count)d task waiting", "%(count)d tasks waiting", self.waiting) % {
            "count": self.waiting
        }

    def __str__(self):
        return f"{self.last_ran} · {self.waiting_text}"


def worker_status(now=None):
    """Two queries: the newest heartbeat, and the tasks due now that no worker has taken."""
    now = now or timezone.now()
    return WorkerStatus(
        last_seen=last_seen(), waiting=DBTaskResult.objects.ready().count(), now=now
    )


def user_sees_worker_status(user):
    """Editors whose work waits on the worker: join requests' emails, background tasks."""
    return user.is_superuser or user.has_perm("signatories.change_joinrequest")


class WorkerStatusLine(Component):
    """One line: "Task worker last ran 3 minutes ago · 12 tasks waiting", a warning when stale."""

    template_name = "home/admin/worker_status_line.html"

    def get_context_data(self, parent_context=None):
        try:
            status = worker_status()
        except DatabaseError:
            status = None  # not migrated yet: nothing to say
        return {"status": status, "stale_minutes": settings.TASK_WORKER_STALE_MINUTES}


class WorkerStatusPanel(WorkerStatusLine):
    """The same line as a dashboard panel."""

    name = "task_worker_status"
    order = 40
    template_name = "home/admin/worker_status_panel.html"


def add_worker_status_panel(request, panels):
    if user_sees_worker_status(request.user):
        panels.append(WorkerStatusPanel())


def worker_status_above_queue(request):
    if user_sees_worker_status(request.user):
        return WorkerStatusLine()
    return None
