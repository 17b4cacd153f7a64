"""View restrictions, skipped while the site has none."""

from wagtail.models import PageViewRestriction

from . import caching


def any_view_restrictions():
    """Whether any page is private, known once per cache generation: saving or deleting a
    restriction starts a new one (home/signals.py)."""
    return caching.cached("any-view-restrictions", PageViewRestriction.objects.exists)


class ViewRestrictionsMixin:
    """Wagtail's view restrictions, without their queries on a site that has none.

    Wagtail's ``before_serve_page`` check asks every page it serves for its restrictions,
    two queries on every request (the page's ancestors, then their restrictions). A campaign
    site rarely has a private page, so while none exists the answer is known without asking;
    once one does, Wagtail's own rule answers for every page.
    """

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
