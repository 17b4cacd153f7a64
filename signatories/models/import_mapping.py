"""The columns an editor last chose in an import, so the next file's columns come pre-filled."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportMapping(models.Model):
    """One editor's last choice of signatory field for each column heading they imported."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signatory_import_mapping",
    )
    columns = models.JSONField(
        default=dict,
        help_text=_('Heading (compared without case or punctuation) -> field, "" for ignored.'),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")

    def __str__(self):
        return f"{self.user}: {len(self.columns)} columns"
