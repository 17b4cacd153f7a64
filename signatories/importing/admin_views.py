"""The admin's signatory import: upload a file, check the preview row by row, confirm.

The preview's rows stay on the server, in the editor's session: the confirmation posts
only which preview it confirms, and the rows are planned again before anything is written.
"""

import logging
from dataclasses import asdict

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import FileExtensionValidator
from django.db import IntegrityError
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models import Signatory
from .job import PlanChangedError, import_rows, user_can_import
from .planning import plan_import
from .reading import EXTENSIONS, ImportFileError, SourceRow, read_rows

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Each change is a revision and a publication; bigger files go through the command, which
# shows progress and needs no browser waiting on it.
MAX_ROWS = 5000
SESSION_KEY = "signatory_import"

logger = logging.getLogger(__name__)


class SignatoryImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        validators=[FileExtensionValidator(EXTENSIONS)],
        help_text=gettext_lazy(
            "A .csv or .xlsx spreadsheet whose first row names the columns: name, state (a "
            "state code, a state name or National), and optionally level, city, website, note "
            "and published (yes or no; new signatories are published unless it says no). Or "
            "the statement's seed text file (.txt). At most 5 MB and 5,000 rows."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        try:
            self.rows = read_rows(upload.name, upload.read(), max_rows=MAX_ROWS)
        except ImportFileError as error:
            raise ValidationError(str(error)) from error
        if not self.rows:
            raise ValidationError(_("The file has no signatories to import."))
        return upload


class SignatoryImportView(WagtailAdminTemplateMixin, FormView):
    """Upload (GET, POST with a file) → preview → confirm (POST) → the signatory listing."""

    form_class = SignatoryImportForm
    template_name = "signatories/admin/import.html"
    page_title = gettext_lazy("Import signatories")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request.POST["confirm"])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        plan = plan_import(form.rows)
        self.request.session[SESSION_KEY] = {
            "filename": upload.name,
            "rows": [asdict(row) for row in form.rows],
            "digest": plan.digest(),
        }
        return self.render_preview(upload.name, plan)

    def confirm(self, digest):
        stored = self.request.session.get(SESSION_KEY)
        # Another tab may have previewed another file since: confirm only what was shown.
        if not stored or stored["digest"] != digest:
            messages.error(
                self.request,
                _("This preview is no longer current. Upload the file again to import it."),
            )
            return redirect(self.request.path)
        rows = [SourceRow(**row) for row in stored["rows"]]
        try:
            plan = import_rows(rows, user=self.request.user, expected_digest=digest)
        except PlanChangedError as changed:
            self.request.session[SESSION_KEY] = {**stored, "digest": changed.plan.digest()}
            messages.warning(
                self.request,
                _("The list changed since this preview. Check the new preview and confirm again."),
            )
            return self.render_preview(stored["filename"], changed.plan)
        except (IntegrityError, ValidationError):
            # Someone added one of these names between planning and writing; the import's
            # transaction rolled back, so nothing was written. A new preview shows the rest.
            logger.warning(
                "import of %s hit a concurrent change", stored["filename"], exc_info=True
            )
            messages.error(
                self.request,
                _(
                    "Someone changed the list while this import ran; nothing was imported. "
                    "Upload the file again to see an up-to-date preview."
                ),
            )
            return redirect(self.request.path)
        del self.request.session[SESSION_KEY]
        messages.success(self.request, summary(plan))
        return redirect(Signatory.snippet_viewset.get_url_name("list"))

    def render_preview(self, filename, plan):
        return self.render_to_response(
            self.get_context_data(
                filename=filename, plan=plan, counts=plan.counts(), digest=plan.digest()
            )
        )


def summary(plan):
    return (
        _(
            "Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
            "%(skipped)d skipped."
        )
        % plan.counts()
    )
