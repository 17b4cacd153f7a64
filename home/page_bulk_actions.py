"""Wagtail's page bulk actions, refused to users with no page permission at all.

Wagtail's bulk action pages list every page asked for (``?id=all``: every page, drafts
included) to any admin user, as ones they may not change: Signatory editors, who hold no page
permission, could read every draft's title there. These take Wagtail's place (registered after
it in wagtail_hooks.py) and refuse such users before anything is listed.
"""

from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)


class PagePermissionRequired(PermissionCheckedMixin):
    # Any page permission, as for Wagtail's page explorer (user_has_any_page_permission).
    any_permission_required = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]


class DeletePagesBulkAction(PagePermissionRequired, DeleteBulkAction):
    pass


class MovePagesBulkAction(PagePermissionRequired, MoveBulkAction):
    pass


class PublishPagesBulkAction(PagePermissionRequired, PublishBulkAction):
    pass


class UnpublishPagesBulkAction(PagePermissionRequired, UnpublishBulkAction):
    pass


PAGE_BULK_ACTIONS = [
    DeletePagesBulkAction,
    MovePagesBulkAction,
    PublishPagesBulkAction,
    UnpublishPagesBulkAction,
]
