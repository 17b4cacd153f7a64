"""Fixtures shared by the modules of tests/home."""

import pytest
from django.utils import translation
from wagtail.models import Site

from signatories.seed import read_seed

from ..factories import SignatoryFactory


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    # A request to /es/ leaves Spanish active in this thread; later tests expect the default.
    yield
    translation.deactivate()


@pytest.fixture
def site(site_pages):
    """The minimal site (``site_pages``) under the site name that share cards show."""
    Site.objects.filter(is_default_site=True).update(site_name="Coalition Statement")
    return site_pages


@pytest.fixture
def bilingual_site(seeded_site):
    """The seeded site: English pages and their Spanish copies, with a few signatories."""
    SignatoryFactory(name="National Immigration Law Center", national=True)
    SignatoryFactory(name="El Pueblo", state="NC")
    SignatoryFactory(name="Make the Road New York", state="NY")
    SignatoryFactory(name="CASA", state="MD")
    return seeded_site


@pytest.fixture(scope="module")
def seed():
    """The seed statement file as ``read_seed`` parses it."""
    return read_seed()
