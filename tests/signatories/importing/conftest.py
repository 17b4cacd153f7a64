"""Fixtures shared by the modules of tests/signatories/importing."""

import pytest

from ...factories import SignatoryFactory, UserFactory


@pytest.fixture
def editor(db):
    """A member of Signatory editors (here in place of the suite's superuser ``editor``), with a
    username the command's ``--user`` can name."""
    return UserFactory(groups=["Signatory editors"], username="listkeeper")


@pytest.fixture
def listed(db):
    """Two published signatories that the mixed file names: one national, one in Washington."""
    return {
        "aclu": SignatoryFactory(name="American Civil Liberties Union", national=True),
        "casa": SignatoryFactory(name="Casa Latina", state="WA", city="Seattle"),
    }
