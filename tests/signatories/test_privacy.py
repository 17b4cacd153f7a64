"""What must never reach the public site: undecided requests, contact details, drafts."""

import pytest
from django.urls import reverse

from signatories.admin import moderation
from signatories.models import JoinRequest

from ..factories import JoinRequestFactory, SignatoryFactory, UserFactory

PUBLIC_URLS = ["/", "/take-action/", "/join/", "/join/thanks/", "/sitemap.xml"]

pytestmark = pytest.mark.usefixtures("seeded_module")


@pytest.fixture
def requests_of_every_status(seeded_site):
    """One pending, one rejected and one approved request, each with its own contact."""
    pending = JoinRequestFactory(
        name="Pending Partners",
        state="CA",
        contact_name="Penelope Pendingcontact",
        contact_email="penelope.pending@example.org",
    )
    rejected = JoinRequestFactory(
        name="Rejected Collective",
        state="NY",
        status=JoinRequest.Status.REJECTED,
        contact_name="Roderick Rejectedcontact",
        contact_email="roderick.rejected@example.org",
    )
    approved = JoinRequestFactory(
        name="Approved Alliance",
        state="WA",
        city="Spokane",
        contact_name="Abigail Approvedcontact",
        contact_email="abigail.approved@example.org",
    )
    moderation.approve(approved, UserFactory(is_superuser=True))
    return {"pending": pending, "rejected": rejected, "approved": approved}


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_undecided_and_rejected_requests_are_not_listed(client, requests_of_every_status, status):
    html = client.get("/").content.decode()

    assert requests_of_every_status[status].name not in html
    assert "Approved Alliance" in html


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_contact_details_never_appear_publicly(client, requests_of_every_status, url):
    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    for join_request in requests_of_every_status.values():
        assert join_request.contact_name not in content
        assert join_request.contact_email not in content
        assert join_request.contact_email.split("@")[0] not in content


def test_approved_listing_shows_no_contact_or_city(client, requests_of_every_status):
    html = client.get("/").content.decode()

    assert "Approved Alliance" in html
    assert "Abigail Approvedcontact" not in html
    assert "abigail.approved@example.org" not in html
    assert "Spokane" not in html


def test_unpublished_signatories_are_not_listed(client, seeded_site):
    SignatoryFactory(name="Casa Latina", state="WA")
    SignatoryFactory(name="Hidden Draft Coalition", state="WA", live=False)

    html = client.get("/").content.decode()

    assert "Casa Latina" in html
    assert "Hidden Draft Coalition" not in html


def test_unpublished_signatories_are_not_counted(client, seeded_site):
    SignatoryFactory(name="Casa Latina", state="WA")
    SignatoryFactory(name="Faith Action Network", national=True)
    SignatoryFactory(name="Hidden Draft Coalition", state="WA", live=False)

    html = client.get("/").content.decode()

    assert "2 organizations have signed" in html
    assert "3 organizations have signed" not in html


@pytest.mark.parametrize(
    "url",
    [
        reverse("wagtailadmin_home"),
        reverse("signatories_joinrequest_modeladmin_index"),
        reverse("signatories_joinrequest_modeladmin_inspect", args=[1]),
    ],
)
def test_admin_requires_login(client, requests_of_every_status, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={url}"
