"""What a page looks like when it is shared: the image and summary of its share card, and
the links that share it."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

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


@dataclass(frozen=True)
class ShareLink:
    network: str  # a stable name for styling and tests: "email", "bluesky"...
    label: str
    href: str


def share_links(url, subject, text):
    """Links that open each network's own share form with ``text`` and ``url`` filled in:
    plain links, so no network's script runs on the site. Every value is percent-encoded
    (spaces as %20, which mail programs read, not "+")."""

    def query(**params):
        return urlencode(params, quote_via=quote)

    with_url = f"{text} {url}"
    return [
        ShareLink(
            "email", _("Email"), "mailto:?" + query(subject=subject, body=f"{text}\n\n{url}")
        ),
        ShareLink("bluesky", "Bluesky", "https://bsky.app/intent/compose?" + query(text=with_url)),
        ShareLink("x", "X", "https://x.com/intent/post?" + query(text=text, url=url)),
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + query(u=url)
        ),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + query(url=url),
        ),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + query(text=with_url)),
    ]
