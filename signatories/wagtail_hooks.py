"""Registers this app's admin with Wagtail; what is registered lives in signatories.admin."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from .admin.background_tasks import BackgroundTaskAdmin
from .admin.bulk_actions import (
    DeleteSignatoriesBulkAction,
    MergeSignatoriesBulkAction,
    PublishSignatoriesBulkAction,
    UnpublishSignatoriesBulkAction,
)
from .admin.editor_tools import (
    delivery_document_menu_item,
    editor_tool_urls,
    embed_code_menu_item,
)
from .admin.join_request_queue import JoinRequestAdmin, add_pending_join_requests_panel
from .admin.log_actions import register_merge_log_action, register_moderation_log_actions
from .admin.signatory_views import SignatoryViewSet
from .admin.signup_chart import add_signups_panel
from .importing.log_actions import register_import_log_actions

register_snippet(SignatoryViewSet)
modeladmin_register(JoinRequestAdmin)
modeladmin_register(BackgroundTaskAdmin)

hooks.register("register_bulk_action", PublishSignatoriesBulkAction)
hooks.register("register_bulk_action", UnpublishSignatoriesBulkAction)
hooks.register("register_bulk_action", MergeSignatoriesBulkAction)
# After wagtail.snippets' own delete (order 0), so the registry keeps this one for signatories.
hooks.register("register_bulk_action", DeleteSignatoriesBulkAction, order=1)
hooks.register("construct_homepage_panels", add_pending_join_requests_panel)
hooks.register("construct_homepage_panels", add_signups_panel)
hooks.register("register_log_actions", register_moderation_log_actions)
hooks.register("register_log_actions", register_merge_log_action)
hooks.register("register_log_actions", register_import_log_actions)
hooks.register("register_admin_urls", editor_tool_urls)
hooks.register("register_reports_menu_item", delivery_document_menu_item)
hooks.register("register_admin_menu_item", embed_code_menu_item)
