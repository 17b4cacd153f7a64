"""The admin's signatory import: upload a file, choose its columns and check the preview row by
row, download the rows it would skip, confirm.

The file's table stays on the server, in the editor's session, with the chosen columns: the
confirmation posts only which preview it confirms (and whether to publish or save drafts), the
rows are planned again, and an import job takes them to the task worker; the editor lands on
the job's page.
"""

import logging
from dataclasses import asdict
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models import ImportJob
from . import tasks
from .forms import ColumnMappingForm, SignatoryImportForm
from .job import PlanChangedError, confirm_job, user_can_import
from .mapping import (
    guess_mapping,
    ignored_headings,
    mapping_errors,
    remember_mapping,
    remembered_mapping,
)
from .planning import plan_import
from .reading import Table
from .skipped import skipped_rows_csv

SESSION_KEY = "signatory_import"

logger = logging.getLogger(__name__)


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not user_can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def stored_import(request):
    """``(filename, table, mapping, digest)`` of the preview in the session, or None."""
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return None
    return stored["filename"], Table(**stored["table"]), stored["mapping"], stored["digest"]


class SignatoryImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    """Upload (GET, POST with a file) → columns and preview (POST "map" to change the columns)
    → confirm (POST) → the signatory listing."""

    form_class = SignatoryImportForm
    template_name = "signatories/admin/import.html"
    page_title = gettext_lazy("Import signatories")
    header_icon = "upload"

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            mode = request.POST.get("mode", ImportJob.Mode.PUBLISHED)
            if mode not in ImportJob.Mode.values:
                mode = ImportJob.Mode.PUBLISHED
            return self.confirm(request.POST["confirm"], mode)
        if "map" in request.POST:
            return self.remap()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        table = form.table
        mapping = guess_mapping(table.headings, remembered_mapping(self.request.user))
        return self.render_preview(form.cleaned_data["file"].name, table, mapping)

    def remap(self):
        stored = stored_import(self.request)
        if stored is None:
            return expired(self.request)
        filename, table, mapping, _digest = stored
        form = ColumnMappingForm(self.request.POST, table=table, mapping=mapping)
        if not form.is_valid():
            # No preview beside columns that are not the ones it was planned with.
            return self.render_preview(filename, table, mapping, form, plan=False)
        remember_mapping(self.request.user, table.headings, form.mapping())
        return self.render_preview(filename, table, form.mapping())

    def confirm(self, digest, mode):
        stored = stored_import(self.request)
        # Another tab may have previewed another file since: confirm only what was shown.
        if stored is None or stored[3] != digest:
            return expired(self.request)
        filename, table, mapping, _digest = stored
        try:
            job = confirm_job(
                table.rows(mapping),
                expected_digest=digest,
                filename=filename,
                user=self.request.user,
                mode=mode,
            )
        except PlanChangedError:
            messages.warning(
                self.request,
                _("The list changed since this preview. Check the new preview and confirm again."),
            )
            return self.render_preview(filename, table, mapping)
        remember_mapping(self.request.user, table.headings, mapping)
        del self.request.session[SESSION_KEY]
        tasks.start(job)
        logger.info("import job %s queued: %s, %d rows", job.pk, job.filename, len(job.rows))
        return redirect("signatories_import_job", job.pk)

    def render_preview(self, filename, table, mapping, mapping_form=None, plan=True):
        """The columns form and, when the columns are usable, the plan; the session keeps the
        table, the columns and the digest of the plan shown (None when none is shown)."""
        form = mapping_form or ColumnMappingForm(table=table, mapping=mapping)
        # A bound form says what is wrong with the columns sent; else what the guess lacks.
        column_errors = form.non_field_errors() if form.is_bound else mapping_errors(mapping)
        if column_errors:
            plan = False
        plan = plan_import(table.rows(mapping)) if plan else None
        digest = plan.digest() if plan else None
        self.request.session[SESSION_KEY] = {
            "filename": filename,
            "table": asdict(table),
            "mapping": mapping,
            "digest": digest,
        }
        context = self.get_context_data(
            filename=filename,
            notice=table.notice,
            mapping_form=form,
            column_errors=column_errors,
            show_mapping=not table.is_seed,
            ignored=ignored_headings(table.headings, mapping),
            plan=plan,
        )
        if plan:
            context.update(counts=plan.counts(), digest=digest, modes=ImportJob.Mode.choices)
        return self.render_to_response(context)


class SkippedRowsView(ImportPermissionMixin, View):
    """The preview's skipped rows as a CSV file with a reason column (GET)."""

    def get(self, request, *args, **kwargs):
        stored = stored_import(request)
        if stored is None or stored[3] is None:
            return expired(request)
        filename, table, mapping, _digest = stored
        rows = table.rows(mapping)
        content = skipped_rows_csv(table.headings, rows, plan_import(rows))
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        name = f"{PurePath(filename).stem}-skipped.csv"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


def expired(request):
    messages.error(
        request, _("This preview is no longer current. Upload the file again to import it.")
    )
    return redirect("signatories_import")
