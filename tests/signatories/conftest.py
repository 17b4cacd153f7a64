"""Fixtures shared by the modules of tests/signatories."""

import pytest

from ..factories import UserFactory
from .xss import build_hostile


@pytest.fixture
def no_whole_page_cache(settings):
    # These tests measure the list's own cache and the page's queries when it renders;
    # whole-page caching is tested in test_page_cache.py.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def hostile(site_pages):
    return build_hostile()


@pytest.fixture
def editor_client(client, db):
    """A client logged in as a member of Signatory editors."""
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client
