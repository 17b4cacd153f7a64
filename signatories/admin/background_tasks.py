"""Background tasks in the admin's settings menu: what is queued, what ran, what failed."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin

from .join_request_queue import PermittedHistoryView


class ReadOnlyPermissionHelper(PermissionHelper):
    """Task results are a record: they can be listed and inspected, never edited."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class BackgroundTaskAdmin(ModelAdmin):
    """Emails and other background work: what is queued, what ran, what failed and why."""

    model = DBTaskResult
    menu_label = _("Background tasks")
    menu_icon = "resubmit"
    add_to_settings_menu = True
    list_display = ["task_path", "status", "enqueued_at", "run_after", "finished_at"]
    list_filter = ["status", "task_path"]
    # The model's Meta.ordering is the worker's queue order, given as F() expressions, which
    # modeladmin's listing cannot read (a 500 once a task exists). Staff look here for what
    # just happened, so the newest first.
    ordering = ["-enqueued_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "task_path",
        "status",
        "args_kwargs",
        "enqueued_at",
        "run_after",
        "started_at",
        "finished_at",
        "exception_class_path",
        "traceback",
    ]
    permission_helper_class = ReadOnlyPermissionHelper
    history_view_class = PermittedHistoryView
