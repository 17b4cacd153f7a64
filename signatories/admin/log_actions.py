"""How editors' decisions and merges read in a signatory's or request's history."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from ..joining.retention import PURGE_ACTION
from . import merging, moderation


def register_moderation_log_actions(actions):
    actions.register_action(
        moderation.APPROVE_ACTION, _("Approve join request"), _("Approved join request")
    )
    actions.register_action(
        moderation.REJECT_ACTION, _("Reject join request"), _("Rejected join request")
    )
    actions.register_action(
        PURGE_ACTION,
        _("Erase personal details"),
        _("Erased the contact's personal details after the retention period"),
    )
    actions.register_action(moderation.REQUEST_APPROVED_ACTION)(RequestApprovedFormatter)


class RequestApprovedFormatter(LogFormatter):
    """How an approved request reads in the signatory's own history."""

    label = _("Approve a request about this signatory")
    MESSAGES = {
        "join": _("Listed by approving a join request"),
        "withdrawal": _("Taken off the list by approving a withdrawal request"),
        "correction": _("Correction request approved: the correction follows as an edit"),
    }

    def format_message(self, log_entry):
        kind = (log_entry.data or {}).get("kind")
        return self.MESSAGES.get(kind, _("Approved a request about this signatory"))


class MergeFormatter(LogFormatter):
    label = _("Merge signatories")

    def format_message(self, log_entry):
        try:
            merged = log_entry.data["merged"]
            return _("Merged “%(name)s” (%(group)s) into this signatory") % {
                "name": merged["name"],
                "group": merged["group"],
            }
        except (KeyError, TypeError):
            return _("Merged another signatory into this one")


def register_merge_log_action(actions):
    actions.register_action(merging.MERGE_ACTION)(MergeFormatter)
