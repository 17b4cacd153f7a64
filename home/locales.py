"""Locales looked up once per process instead of once per link.

Wagtail resolves the active Locale with a query on every ``page.localized`` call: routing, each
page link in rich text and each page-chooser link. Locales change about once in a site's life,
so each process keeps the ones it has found and forgets them when one is saved or deleted.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

_found = {}
_uncached_get_for_language = LocaleManager.get_for_language


def _get_for_language(manager, language_code):
    # Only hits are kept: a language without a Locale yet is asked again next time.
    if language_code not in _found:
        _found[language_code] = _uncached_get_for_language(manager, language_code)
    return _found[language_code]


def forget(**_kwargs):
    """Drop what this process has found (another process learns of a deleted locale only on
    restart; until then its links fall back to the page itself, as for a missing translation)."""
    _found.clear()


def install():
    LocaleManager.get_for_language = _get_for_language
    post_save.connect(forget, sender=Locale, dispatch_uid="home.locales.saved")
    post_delete.connect(forget, sender=Locale, dispatch_uid="home.locales.deleted")
