"""Fixtures shared by the modules of tests/signatories/admin."""

import pytest

from ...factories import JoinRequestFactory, UserFactory
from .admin_world import build_world


@pytest.fixture
def world(site_pages):
    return build_world(site_pages)


@pytest.fixture
def join_request(site_pages):
    """A pending request from Casa Latina (Seattle, WA), with its contact's details."""
    return JoinRequestFactory(
        name="Casa Latina",
        state="WA",
        city="Seattle",
        website="https://casa-latina.example.org",
        contact_name="Maria Example",
        contact_email="maria@example.org",
    )


@pytest.fixture(params=["superuser", "signatory_editor"])
def moderator(request, db):
    """Whoever decides join requests: a superuser, then a member of Signatory editors."""
    if request.param == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return UserFactory(groups=["Signatory editors"])


@pytest.fixture
def moderator_client(client, moderator):
    """A client logged in as ``moderator``."""
    client.force_login(moderator)
    return client


@pytest.fixture
def editor(db):
    """A member of Signatory editors, by the name history pages show: "listkeeper"."""
    return UserFactory(groups=["Signatory editors"], username="listkeeper")


@pytest.fixture
def editor_client(client, editor):
    """A client logged in as ``editor``."""
    client.force_login(editor)
    return client
