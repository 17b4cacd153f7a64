"""Page links in rich text, resolved in the reader's language with two queries for all of them.

Wagtail's own handler loads every linked page as its specific type (one query per page type)
and then looks each one's translation up separately. A link needs only the page's URL, which
the base Page has, so the links of a whole page cost at most two queries in any language.
"""

from django.utils.html import format_html
from wagtail.models import Locale, Page
from wagtail.rich_text.pages import PageLinkHandler


class LocalizedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        linked = {str(page.pk): page for page in Page.objects.filter(pk__in=ids)}
        locale = Locale.get_active()
        # As Page.localized: the live translation in the active language, else the page itself.
        elsewhere = {p.translation_key for p in linked.values() if p.locale_id != locale.pk}
        translations = (
            {
                page.translation_key: page
                for page in Page.objects.live().filter(translation_key__in=elsewhere, locale=locale)
            }
            if elsewhere
            else {}
        )
        pages = [linked.get(id_) for id_ in ids]
        return [page and translations.get(page.translation_key, page) for page in pages]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            format_html('<a href="{}">', page.url) if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]
