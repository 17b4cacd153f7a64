"""What the signatory list tells the caches: a signatory saved or deleted changes the
statement pages and everything built from the list (``campaign.caching``)."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Site
from wagtail.signals import published

from campaign import caching
from campaign.caching import form_copy

from .joining.bot_traps import sign_started_at
from .joining.decision_notices import corrections_waiting_for
from .joining.email_tasks import schedule_email_sweep
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


def correction_published(sender, instance, **kwargs):
    """A listing published with a correction approved for it: that correction is made now,
    and its contacts' emails are ready for the next sweep."""
    if corrections_waiting_for(instance):
        transaction.on_commit(schedule_email_sweep)


def connect():
    """Called from SignatoriesConfig.ready()."""
    post_save.connect(caching.invalidate, sender=Signatory, dispatch_uid="signatory_saved")
    post_delete.connect(caching.invalidate, sender=Signatory, dispatch_uid="signatory_deleted")
    published.connect(correction_published, sender=Signatory, dispatch_uid="correction_made")
    caching.register_purge_urls(list_urls)
    # The join form's signed start time differs for every visitor of its stored copy.
    form_copy.fill_field("started", sign_started_at)
