"""The admin's import jobs: a list of them, and each job's page with its progress, its result,
and the way to resume or roll it back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ..models import ImportJob
from . import tasks
from .job import user_can_import

# Seconds between reloads of the page of a job that is still running.
REFRESH_SECONDS = 3
# A rollback deletes the signatories an import added.
ROLLBACK_PERMISSION = "signatories.delete_signatory"


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not user_can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportJobListView(ImportPermissionMixin, WagtailAdminTemplateMixin, ListView):
    """Every import, newest first."""

    model = ImportJob
    paginate_by = 50
    template_name = "signatories/admin/import_jobs.html"
    page_title = gettext_lazy("Signatory imports")
    header_icon = "upload"

    def get_queryset(self):
        return ImportJob.objects.select_related("user").defer("rows", "skipped")


class ImportJobView(ImportPermissionMixin, WagtailAdminTemplateMixin, DetailView):
    """One import: progress while it runs (the page reloads itself), then what it did."""

    model = ImportJob
    context_object_name = "job"
    template_name = "signatories/admin/import_job.html"
    header_icon = "upload"

    def get_page_title(self):
        return _("Import %(number)s") % {"number": self.object.pk}

    def get_page_subtitle(self):
        return self.object.filename

    def get_context_data(self, **kwargs):
        job = self.object
        # Rows the worker skipped: changed on the list between the preview and their turn.
        skipped_since = [
            {**job.rows[int(index)], **entry}
            for index, entry in job.written.items()
            if entry["action"] == "skip"
        ]
        return super().get_context_data(
            refresh_seconds=REFRESH_SECONDS if job.in_progress else None,
            skipped_since=skipped_since,
            may_roll_back=job.can_roll_back and self.request.user.has_perm(ROLLBACK_PERMISSION),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        job = self.get_object()
        if "resume" in request.POST and job.can_resume:
            tasks.resume(job)
            messages.success(request, _("The import goes on from the first row not written."))
        elif (
            "roll_back" in request.POST
            and job.can_roll_back
            and request.user.has_perm(ROLLBACK_PERMISSION)
        ):
            tasks.roll_back(job, request.user)
            messages.success(request, _("Rolling back everything this import wrote."))
        else:
            messages.error(request, _("This import cannot do that now."))
        return redirect("signatories_import_job", job.pk)
