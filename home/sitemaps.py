"""The sitemap of every language's pages: Wagtail's own lists only the default language's tree."""

from functools import reduce
from operator import or_

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap over the site's home page and all its translations (/ and /es/)."""

    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = reduce(
            or_, (Page.objects.descendant_of_q(home, inclusive=True) for home in homes)
        )
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
