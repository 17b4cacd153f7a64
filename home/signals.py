"""What home's pages tell the caches: any change to the page tree, a site, the organizer
settings or a page's view restrictions makes every stored page, route and list stale
(``campaign.caching``)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from campaign import caching

from .models import StatementPage
from .organizer import OrganizerSettings


def statement_urls():
    """The live statement pages, every translation: what a CDN in front must drop."""
    return [url for page in StatementPage.objects.live() if (url := page.get_full_url())]


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        caching.invalidate()


def connect():
    """Called from HomeConfig.ready()."""
    page_published.connect(caching.invalidate, dispatch_uid="home_page_published")
    page_unpublished.connect(caching.invalidate, dispatch_uid="home_page_unpublished")
    post_page_move.connect(caching.invalidate, dispatch_uid="home_page_moved")
    # Any page model: post_delete is sent with the concrete class as its sender.
    post_delete.connect(_page_deleted, dispatch_uid="home_page_deleted")
    post_save.connect(caching.invalidate, sender=Site, dispatch_uid="home_site_saved")
    post_delete.connect(caching.invalidate, sender=Site, dispatch_uid="home_site_deleted")
    # The organizer shows on every page: its header, footer, join form and share card.
    post_save.connect(
        caching.invalidate, sender=OrganizerSettings, dispatch_uid="home_organizer_saved"
    )
    # A page made private (or public again) must stop (or start) being served to everyone at
    # once: the stored pages and the remembered routes belong to the generation.
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            caching.invalidate,
            sender=PageViewRestriction,
            dispatch_uid=f"home_view_restriction_{name}",
        )
    caching.register_purge_urls(statement_urls)
