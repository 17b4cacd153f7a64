"""Wagtail's view-restriction check in one query instead of two, for the public pages."""

from django.db.models.expressions import RawSQL
from wagtail.models import Page, PageViewRestriction

# The page and its ancestors, each alias followed to the page it copies (an alias of an alias
# too), keeping the pages that are not aliases: the ones whose view restrictions apply.
RESTRICTION_SOURCES_SQL = """
WITH RECURSIVE chain (id, alias_of_id) AS (
    SELECT id, alias_of_id FROM {table} WHERE path IN ({paths})
    UNION
    SELECT page.id, page.alias_of_id FROM {table} page JOIN chain ON page.id = chain.alias_of_id
)
SELECT id FROM chain WHERE alias_of_id IS NULL
"""


class OneQueryViewRestrictionsMixin:
    """Wagtail's view restrictions in one query: Wagtail reads the ancestors' aliases first.

    None at all for a page the routing memo (``home.routing``) keeps and has found
    unrestricted: a restriction saved or deleted anywhere starts a new generation, which
    drops those pages, so "unrestricted" holds for as long as any request is served one.
    """

    # Set only on the routing memo's own instances, never saved.
    known_unrestricted = False
    # What the last read found, for the routing memo to keep without asking again.
    seen_unrestricted = False

    def get_view_restrictions(self):
        """The restrictions on this page and its ancestors, an alias's being its source's:
        the same as ``Page.get_view_restrictions``."""
        if self.known_unrestricted:
            # An empty queryset that asks the database nothing, however it is used.
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        sql = RESTRICTION_SOURCES_SQL.format(
            table=Page._meta.db_table, paths=", ".join(["%s"] * len(paths))
        )
        sources = RawSQL(sql, paths)  # noqa: S611 - placeholders and the model's table name only
        restrictions = PageViewRestriction.objects.filter(page_id__in=sources)
        # Read now (Wagtail's check reads them all anyway, from this same result).
        self.seen_unrestricted = not restrictions
        return restrictions


def remember_if_unrestricted(page):
    """Mark a page the routing memo keeps, by what Wagtail's check of this request found."""
    if isinstance(page, OneQueryViewRestrictionsMixin):
        page.known_unrestricted = page.seen_unrestricted
