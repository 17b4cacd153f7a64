"""An import confirmed by an editor and written by the task worker, batch by batch."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A job whose progress has not moved for this long lost its worker (killed, restarted).
STALLED_AFTER = timedelta(minutes=10)


class ImportJob(models.Model):
    """One confirmed import: the rows to write, how far it got, and what it did.

    ``written`` maps each row's index in ``rows`` to what was written for it, committed in
    the same transaction as the row itself, so a resumed job skips exactly the rows already
    written and a rollback knows what to undo.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        INTERRUPTED = "interrupted", _("interrupted")
        ROLLING_BACK = "rolling_back", _("rolling back")
        ROLLED_BACK = "rolled_back", _("rolled back")

    class Mode(models.TextChoices):
        PUBLISHED = "published", _("published")
        DRAFTS = "drafts", _("drafts, for review")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file"), max_length=255)
    mode = models.CharField(
        _("import as"),
        max_length=16,
        choices=Mode.choices,
        default=Mode.PUBLISHED,
        help_text=_(
            "Published: new names go on the list at once. Drafts: every change is saved as a "
            "revision for an editor to review and publish."
        ),
    )
    options = models.JSONField(
        _("options"), default=dict, blank=True, help_text=_("How the file's columns were read.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    statement_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("statement revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The statement text live when the import was confirmed: the one each signatory "
            "it adds has signed."
        ),
    )
    rows = models.JSONField(_("rows to write"), default=list)
    skipped = models.JSONField(_("skipped rows"), default=list, blank=True)
    written = models.JSONField(_("rows written"), default=dict, blank=True)
    total = models.PositiveIntegerField(_("rows in the file"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    error = models.TextField(_("error"), blank=True)
    resumes = models.PositiveSmallIntegerField(_("times resumed"), default=0)
    rollback_requested = models.BooleanField(_("rollback requested"), default=False)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rolled back by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("confirmed"), auto_now_add=True)
    progress_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("signatory import")
        verbose_name_plural = _("signatory imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def current_status(self):
        """The status, with a running job whose progress stalled shown as interrupted."""
        moving = (self.Status.RUNNING, self.Status.ROLLING_BACK)
        last = self.progress_at or self.created_at
        if self.status in moving and last < timezone.now() - STALLED_AFTER:
            return self.Status.INTERRUPTED
        return self.Status(self.status)

    def get_current_status_display(self):
        return self.current_status.label

    @property
    def in_progress(self):
        return self.current_status in (
            self.Status.QUEUED,
            self.Status.RUNNING,
            self.Status.ROLLING_BACK,
        )

    @property
    def can_resume(self):
        """A failed or interrupted import, never rolled back: write the rows still unwritten."""
        stopped = self.current_status in (self.Status.FAILED, self.Status.INTERRUPTED)
        return stopped and not self.rollback_requested

    @property
    def can_roll_back(self):
        """Anything this import wrote can be undone once it stopped, and a stopped rollback
        can be carried on."""
        return not self.in_progress and self.status != self.Status.ROLLED_BACK

    def _count(self, action):
        return sum(1 for entry in self.written.values() if entry["action"] == action)

    @property
    def created_count(self):
        return self._count("create")

    @property
    def updated_count(self):
        return self._count("update")

    @property
    def done_count(self):
        return len(self.written)

    @property
    def percent(self):
        return round(100 * self.done_count / len(self.rows)) if self.rows else 100
