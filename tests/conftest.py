import pytest
from django.core.cache import caches
from wagtail.models import Page, Site

from home.seed import build_page_tree

from .factories import JoinPageFactory, StatementPageFactory, TakeActionPageFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and stored pages live in the caches; each test starts with a clean slate.
    for cache in caches.all(initialized_only=False):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=False):
        cache.clear()


@pytest.fixture
def site_pages(db):
    """A statement page as the default site's root, with Take Action and Join under it."""
    root = Page.get_first_root_node()
    statement = StatementPageFactory(parent=root, slug="statement")
    statement.body = [
        ("paragraph", "<p>We stand together.</p>"),
        (
            "signatory_list",
            {"heading": "Signatories", "show_count": True, "show_jump_navigation": True},
        ),
    ]
    statement.save()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=statement, is_default_site=True)
    take_action = TakeActionPageFactory(parent=statement)
    join = JoinPageFactory(parent=statement)
    return {"statement": statement, "take_action": take_action, "join": join}


@pytest.fixture
def seeded_site(db):
    """The site exactly as the seed command builds it, minus the signatories."""
    from signatories.seed import read_seed

    build_page_tree(read_seed().paragraphs)
    return Site.objects.get(is_default_site=True)
