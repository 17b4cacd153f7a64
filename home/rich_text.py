"""Page links in rich text, resolved in the reader's language with one query for all of them.

Wagtail's own handler loads every linked page as its specific type (one query per page type)
and then looks each one's translation up separately. A link needs only the page's URL, which
the base Page has, so the links of a whole page cost one query in any language: the linked
pages and their live translations in the active language come back together, the language
matched by its code in the same query rather than by looking its Locale up first.

The URLs are kept for the cache generation (``campaign.caching.cached``): a page's URL only
changes when a page is published, moved or deleted, and each of those starts a new one. So a
page rendered again costs no query for its links.
"""

from django.db.models import Q
from django.utils import translation
from django.utils.html import format_html
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from campaign import caching


def reader_language():
    return get_supported_content_language_variant(translation.get_language())


class LocalizedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list, language=None):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        language = language or reader_language()
        linked_keys = Page.objects.filter(pk__in=ids).values("translation_key")
        found = Page.objects.select_related("locale").filter(
            Q(pk__in=ids)
            | Q(translation_key__in=linked_keys, locale__language_code=language, live=True)
        )
        wanted, linked, translations = set(ids), {}, {}
        for page in found:
            if str(page.pk) in wanted:
                linked[str(page.pk)] = page
            if page.locale.language_code == language and page.live:
                translations[page.translation_key] = page
        # As Page.localized: the live translation in the active language, else the page itself.
        pages = [linked.get(id_) for id_ in ids]
        return [page and translations.get(page.translation_key, page) for page in pages]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ids = ",".join(str(attrs.get("id")) for attrs in attrs_list)
        language = reader_language()
        urls = caching.cached(
            f"rich-text-links:{language}:{ids}",
            lambda: tuple(
                page.url if page else None for page in cls.get_many(attrs_list, language)
            ),
        )
        return [format_html('<a href="{}">', url) if url else "<a>" for url in urls]
