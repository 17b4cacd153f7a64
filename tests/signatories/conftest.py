"""Fixtures shared by the modules of tests/signatories."""

import pytest


@pytest.fixture
def no_whole_page_cache(settings):
    # These tests measure the list's own cache and the page's queries when it renders;
    # whole-page caching is tested in test_page_cache.py.
    settings.PAGE_CACHE_SECONDS = 0
