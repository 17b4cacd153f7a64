"""Who runs the campaign: the organizer's identity, edited once as a site setting and shown in
the header, the footer, the join form and the share card."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from campaign import caching

# A logo in the header sits beside the name at this height (twice that for sharp screens).
LOGO_FILTER = "height-96"


class SocialAccountBlock(blocks.StructBlock):
    """One of the coalition's accounts on a social network."""

    network = blocks.CharBlock(
        max_length=40, help_text=_('Its name as people know it, e.g. "Bluesky".')
    )
    url = blocks.URLBlock(label=_("URL"), help_text=_("The address of the account's page."))

    class Meta:
        icon = "link-external"


@register_setting(icon="group")
class OrganizerSettings(BaseSiteSetting):
    """The coalition behind the statement: what visitors see about who runs the site."""

    name = models.CharField(
        _("coalition name"),
        max_length=150,
        blank=True,
        help_text=_("Shown in the header, the footer and on the share image."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Shown beside the name in the header and on the share image."),
    )
    description = models.TextField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_(
            "One or two sentences in the footer, and the search description of pages "
            "that have none."
        ),
    )
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Where visitors can write to the coalition.")
    )
    address = models.TextField(
        _("address"), max_length=300, blank=True, help_text=_("Postal address for the footer.")
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about page"),
        help_text=_("Linked from the footer: who the coalition is."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
        help_text=_("Linked from the footer and beside the join form's consent box."),
    )
    social_accounts = StreamField(
        [("account", SocialAccountBlock())],
        blank=True,
        verbose_name=_("social accounts"),
        help_text=_("Linked from the footer."),
    )

    select_related = ["logo", "about_page__locale", "privacy_page__locale"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("logo"), FieldPanel("description")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("address"), FieldPanel("social_accounts")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("about_page"), FieldPanel("privacy_page")], heading=_("Pages")),
    ]

    class Meta:
        verbose_name = _("organizer")


@dataclass(frozen=True)
class Organizer:
    """The organizer as templates read it: plain values, so it can be kept in the cache."""

    name: str = ""
    description: str = ""
    contact_email: str = ""
    address_lines: tuple = ()
    logo: dict | None = None  # url, width, height of the header rendition; file: storage name
    about_url: str = ""
    privacy_url: str = ""
    social_accounts: tuple = field(default_factory=tuple)  # (network, url) pairs


def organizer_for(request):
    """The organizer of the request's site in the active language, built once per cache
    generation (saving the settings starts a new one)."""
    site = Site.find_for_request(request)
    if site is None:
        return Organizer()
    language = get_language()
    return caching.cached(f"organizer:{site.pk}:{language}", lambda: _build(site, request))


def _build(site, request):
    # Read without get_or_create: a visitor's page view never writes a settings row.
    settings = OrganizerSettings.base_queryset().filter(site=site).first()
    if settings is None:
        return Organizer(name=site.site_name or "")
    about, privacy = _in_reader_language([settings.about_page, settings.privacy_page])
    return Organizer(
        name=settings.name or site.site_name or "",
        description=settings.description,
        contact_email=settings.contact_email,
        address_lines=tuple(line.strip() for line in settings.address.splitlines() if line.strip()),
        logo=_logo(settings.logo),
        about_url=(about.get_url(request) or "") if about else "",
        privacy_url=(privacy.get_url(request) or "") if privacy else "",
        social_accounts=tuple(
            (block.value["network"], block.value["url"]) for block in settings.social_accounts
        ),
    )


def _in_reader_language(pages):
    """Each page (or None) in the active language when it has a live translation, else
    itself; None when that is not live. One query, and none in the pages' own language."""
    language = get_language()
    wanted = [p for p in pages if p is not None and p.locale.language_code != language]
    translations = {}
    if wanted:
        found = Page.objects.live().filter(
            translation_key__in=[p.translation_key for p in wanted],
            locale__language_code=language,
        )
        translations = {page.translation_key: page for page in found}
    chosen = [p and translations.get(p.translation_key, p) for p in pages]
    return [p if p is not None and p.live else None for p in chosen]


def _logo(image):
    if image is None:
        return None
    rendition = image.get_rendition(LOGO_FILTER)
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "file": image.file.name,
    }
