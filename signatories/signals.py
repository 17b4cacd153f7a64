"""What the signatory list tells the caches: a signatory saved or deleted changes the
statement pages and everything built from the list (``campaign.caching``)."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Site

from campaign import caching
from campaign.caching import form_copy

from .joining.bot_traps import sign_started_at
from .models import Signatory

# Public URLs built from the list, besides the statement pages (which home registers).
LIST_URL_NAMES = ("signatories_json", "signatories_csv", "embed")


def list_urls():
    """The list's files and the partners' widget, on every site and in every language."""
    urls = []
    for site in Site.objects.all():
        for name in LIST_URL_NAMES:
            # The partners' widget has a URL per language (/embed/, /es/embed/).
            for language, _ in settings.LANGUAGES:
                try:
                    with translation.override(language):
                        urls.append(site.root_url + reverse(name))
                except NoReverseMatch:
                    continue
    return urls


def connect():
    """Called from SignatoriesConfig.ready()."""
    post_save.connect(caching.invalidate, sender=Signatory, dispatch_uid="signatory_saved")
    post_delete.connect(caching.invalidate, sender=Signatory, dispatch_uid="signatory_deleted")
    caching.register_purge_urls(list_urls)
    # The join form's signed start time differs for every visitor of its stored copy.
    form_copy.fill_field("started", sign_started_at)
