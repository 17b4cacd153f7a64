"""The join request queue in the Wagtail admin: listing, filtering, searching and inspecting
requests, no way to create one, and who may see it (the dashboard's pending count included)."""

import pytest
from django.urls import reverse

from signatories.models import JoinRequest, Signatory

from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory, UserFactory

PERMISSION_DENIED = "Sorry, you do not have permission to access this area."


@pytest.fixture
def communications_client(client, db):
    client.force_login(UserFactory(groups=["Communications"]))
    return client


# The queue


def test_queue_lists_pending_requests_with_decision_buttons(moderator_client, join_request):
    response = moderator_client.get(admin_url("index"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Casa Latina" in html
    assert f'href="{admin_url("approve", join_request.pk)}"' in html
    assert f'href="{admin_url("reject", join_request.pk)}"' in html


def test_queue_filters_by_status(moderator_client, join_request):
    JoinRequestFactory(name="Rejected Collective", status=JoinRequest.Status.REJECTED)
    JoinRequestFactory(name="Approved Alliance", status=JoinRequest.Status.APPROVED)

    html = moderator_client.get(admin_url("index") + "?status__exact=pending").content.decode()

    assert "Casa Latina" in html
    assert "Rejected Collective" not in html
    assert "Approved Alliance" not in html


def test_queue_search_finds_requests_by_name(moderator_client, join_request):
    JoinRequestFactory(name="Faith Action Network")

    html = moderator_client.get(admin_url("index") + "?q=latina").content.decode()

    assert "Casa Latina" in html
    assert "Faith Action Network" not in html


def test_queue_search_finds_requests_by_contact_email(moderator_client, join_request):
    JoinRequestFactory(name="Faith Action Network", contact_email="faith@example.net")

    html = moderator_client.get(admin_url("index") + "?q=faith@example.net").content.decode()

    assert "Faith Action Network" in html
    assert "Casa Latina" not in html


def test_inspect_view_shows_contact_details(moderator_client, join_request):
    response = moderator_client.get(admin_url("inspect", join_request.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Maria Example" in html
    assert "maria@example.org" in html
    assert "Seattle" in html


def test_create_view_is_not_available(moderator_client, join_request):
    response = moderator_client.get(admin_url("create"))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert PERMISSION_DENIED in moderator_client.get(response["Location"]).content.decode()


def test_create_view_stores_nothing_on_post(moderator_client, join_request):
    response = moderator_client.post(
        admin_url("create"),
        {
            "name": "Made Up Org",
            "level": "state",
            "state": "CA",
            "contact_name": "Nobody",
            "contact_email": "nobody@example.org",
        },
    )

    assert response.status_code == 302
    assert not JoinRequest.objects.filter(name="Made Up Org").exists()


# Who may moderate


@pytest.mark.parametrize(
    ("method", "action"),
    [
        ("get", "index"),
        ("get", "inspect"),
        ("get", "approve"),
        ("post", "approve"),
        ("get", "reject"),
        ("post", "reject"),
    ],
)
def test_communications_user_is_denied(communications_client, join_request, method, action):
    args = [] if action == "index" else [join_request.pk]

    response = getattr(communications_client, method)(admin_url(action, *args))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert PERMISSION_DENIED in communications_client.get(response["Location"]).content.decode()
    join_request.refresh_from_db()
    assert join_request.is_pending
    assert join_request.decided_by is None
    assert not Signatory.objects.exists()


def test_dashboard_shows_pending_count_to_signatory_editors(client, join_request):
    JoinRequestFactory(name="Faith Action Network")
    JoinRequestFactory(name="Rejected Collective", status=JoinRequest.Status.REJECTED)
    client.force_login(UserFactory(groups=["Signatory editors"]))

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 requests are waiting for review." in html
    assert f'href="{admin_url("index")}?status__exact=pending"' in html


def test_dashboard_has_no_pending_panel_for_communications(communications_client, join_request):
    html = communications_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "waiting for review" not in html
