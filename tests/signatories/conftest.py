"""Fixtures shared by the modules of tests/signatories."""

import pytest

from ..factories import JoinRequestFactory, SignatoryFactory, UserFactory
from .xss import HOSTILE_WEBSITES, PAYLOADS, STATES


@pytest.fixture
def no_whole_page_cache(settings):
    # These tests measure the list's own cache and the page's queries when it renders;
    # whole-page caching is tested in test_page_cache.py.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def hostile(site_pages):
    """Published signatories, one per payload (name, note and city hostile), and requests."""
    signatories = []
    for index, payload in enumerate(PAYLOADS):
        website = HOSTILE_WEBSITES[index % len(HOSTILE_WEBSITES)]
        signatory = SignatoryFactory.build(
            name=payload,
            state=STATES[index],
            note=payload,
            city=payload,
            website=website,
            live=True,
        )
        # Everything stored here is what the model accepts, websites included.
        signatory.full_clean()
        signatory.save()
        signatory.save_revision().publish()
        signatories.append(signatory)
    requests = []
    for index, payload in enumerate(PAYLOADS):
        join_request = JoinRequestFactory(
            name=payload,
            state=STATES[index],
            city=payload,
            website=HOSTILE_WEBSITES[index % len(HOSTILE_WEBSITES)],
            contact_name=payload,
            contact_email=f"contact{index}@example.org",
            details=payload,
            editor_note=payload,
            review_flags=[{"code": "x", "reason": payload}],
        )
        requests.append(join_request)
    return {"signatories": signatories, "requests": requests}


@pytest.fixture
def editor_client(client, db):
    """A client logged in as a member of Signatory editors."""
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client
