"""The admin's signatory import: upload a file, check the preview row by row, confirm.

The preview's rows stay on the server, in the editor's session: the confirmation posts
only which preview it confirms (and whether to publish or save drafts), the rows are planned
again, and an import job takes them to the task worker; the editor lands on the job's page.
"""

import logging
from dataclasses import asdict

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import FileExtensionValidator
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models import ImportJob
from . import tasks
from .job import PlanChangedError, confirm_job, user_can_import
from .planning import plan_import
from .reading import EXTENSIONS, ImportFileError, SourceRow, read_rows

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# The preview lists every row on one page; bigger files go through the command.
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
            mode = request.POST.get("mode", ImportJob.Mode.PUBLISHED)
            if mode not in ImportJob.Mode.values:
                mode = ImportJob.Mode.PUBLISHED
            return self.confirm(request.POST["confirm"], mode)
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

    def confirm(self, digest, mode):
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
            job = confirm_job(
                rows,
                expected_digest=digest,
                filename=stored["filename"],
                user=self.request.user,
                mode=mode,
            )
        except PlanChangedError as changed:
            self.request.session[SESSION_KEY] = {**stored, "digest": changed.plan.digest()}
            messages.warning(
                self.request,
                _("The list changed since this preview. Check the new preview and confirm again."),
            )
            return self.render_preview(stored["filename"], changed.plan)
        del self.request.session[SESSION_KEY]
        tasks.start(job)
        logger.info("import job %s queued: %s, %d rows", job.pk, job.filename, len(job.rows))
        return redirect("signatories_import_job", job.pk)

    def render_preview(self, filename, plan):
        return self.render_to_response(
            self.get_context_data(
                filename=filename,
                plan=plan,
                counts=plan.counts(),
                digest=plan.digest(),
                modes=ImportJob.Mode.choices,
            )
        )
