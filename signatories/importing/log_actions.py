"""How an import and its rollback read in each signatory's history: which job, which file."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from .writing import IMPORT_ACTION, ROLLBACK_ACTION


class ImportFormatter(LogFormatter):
    label = _("Import")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        if "job" not in data:
            return _("Imported from a file")
        message = _("Imported from “%(file)s” (import %(job)s, row %(row)s)")
        if data.get("mode") == "drafts":
            message = _("Imported as a draft from “%(file)s” (import %(job)s, row %(row)s)")
        return message % {
            "file": data.get("filename", ""),
            "job": data["job"],
            "row": data.get("row", "?"),
        }


class ImportRollbackFormatter(LogFormatter):
    label = _("Import rolled back")

    def format_message(self, log_entry):
        job = (log_entry.data or {}).get("job", "?")
        return _("Import %(job)s was rolled back: its change here was undone") % {"job": job}


def register_import_log_actions(actions):
    actions.register_action(IMPORT_ACTION)(ImportFormatter)
    actions.register_action(ROLLBACK_ACTION)(ImportRollbackFormatter)
