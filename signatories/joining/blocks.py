"""Blocks that state the join form's rules where editors write about them."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class RetentionPeriodBlock(blocks.StaticBlock):
    """How long a request's contact details are kept, read from the setting the purge uses
    (``CONTACT_RETENTION_DAYS``), so the privacy notice never promises another period."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["days"] = settings.CONTACT_RETENTION_DAYS
        return context

    class Meta:
        icon = "time"
        template = "blocks/retention_period_block.html"
        label = _("Data retention period")
        admin_text = _(
            "States how long contact details are kept: the period the site erases them after, "
            "as configured (CONTACT_RETENTION_DAYS)."
        )
        description = _("The period after which contact details are erased.")
