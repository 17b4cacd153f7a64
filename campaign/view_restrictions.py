"""Which view restrictions apply to a page, found in one query instead of Wagtail's two."""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


class ViewRestrictionsInOneQueryMixin:
    """Wagtail's rule for a page's view restrictions, as one query.

    Wagtail's ``before_serve_page`` check asks every served page for its restrictions: its
    own ``get_view_restrictions`` loads the page's ancestors first, then their restrictions,
    two queries on every request to a public page. The rule is the same here: the
    restrictions of the page and its ancestors, where an alias counts as its source page.
    """

    def get_view_restrictions(self):
        lineage = Page.objects.filter(
            path__in=[
                self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)
            ]
        )
        return PageViewRestriction.objects.filter(
            Q(page__in=lineage.filter(alias_of__isnull=True))
            | Q(page__in=lineage.filter(alias_of__isnull=False).values("alias_of"))
        )
