"""Fixtures shared by the modules of tests/home."""

import pytest
from wagtail.models import Site


@pytest.fixture
def site(site_pages):
    """The minimal site (``site_pages``) under the site name that share cards show."""
    Site.objects.filter(is_default_site=True).update(site_name="Coalition Statement")
    return site_pages
