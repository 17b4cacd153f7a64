"""Fixtures shared by the modules of tests/campaign/caching."""

import pytest

from ...factories import SignatoryFactory


@pytest.fixture
def listed(site_pages):
    """One published signatory, Casa Latina (WA), on the minimal site."""
    return SignatoryFactory(name="Casa Latina", state="WA")
