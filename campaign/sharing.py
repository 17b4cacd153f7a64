"""What a page looks like when it is shared: the image and summary of its share card."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

SHARE_SUMMARY_MAX_LENGTH = 300


class SharePageMixin(models.Model):
    """Adds a share image and summary to a page's Promote tab, read by the share-card tags."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("share image"),
        help_text=_(
            "Shown when the page is shared on social media or in messaging apps. Landscape, "
            "at least 1200 × 630 pixels; it is cropped to that shape around its focal point."
        ),
    )
    share_summary = models.TextField(
        _("share summary"),
        max_length=SHARE_SUMMARY_MAX_LENGTH,
        blank=True,
        help_text=_(
            "One or two sentences under the title on a share card. Also the search "
            "description when that is empty."
        ),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("share_image"), FieldPanel("share_summary")],
            heading=_("Share card"),
        ),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        """The search description, else the share summary: what search results show."""
        return self.search_description or self.share_summary

    @property
    def share_description(self):
        """The share summary, else the search description: what share cards show."""
        return self.share_summary or self.search_description
