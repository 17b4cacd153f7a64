"""Approving a join request decides what the public list shows, so it needs the permission to
publish signatories, even for an editor who may work the queue and POSTs to the URL directly."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from signatories.models import JoinRequest, Signatory

from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory


def decision_url(decision, join_request):
    return reverse(f"signatories_joinrequest_modeladmin_{decision}", args=[join_request.pk])


@pytest.fixture
def reviewer_client(client, db):
    """An editor who may work the queue (and reject) but not publish signatories."""
    user = UserFactory()
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "signatories"],
            codename__in=[
                "access_admin",
                "view_joinrequest",
                "change_joinrequest",
                "add_signatory",
                "change_signatory",
                "view_signatory",
            ],
        )
    )
    assert not user.has_perm("signatories.publish_signatory")
    client.force_login(user)
    return client


# Wagtail's own publish and unpublish checks also stop a new listing and a withdrawal; approving
# a name already listed, or a correction, goes through none of Wagtail's checks, so there only
# the decision view's check stops the editor.
REQUESTS = {
    "a new organization": {"kind": JoinRequest.Kind.JOIN},
    "an organization already listed": {"kind": JoinRequest.Kind.JOIN},
    "a withdrawal": {"kind": JoinRequest.Kind.WITHDRAWAL},
    "a correction": {"kind": JoinRequest.Kind.CORRECTION},
}


@pytest.mark.parametrize("request_name", list(REQUESTS))
def test_an_editor_without_publish_permission_cannot_approve_by_posting_directly(
    reviewer_client, site_pages, request_name
):
    listed = None
    if request_name != "a new organization":
        listed = SignatoryFactory(name="Casa Latina", state="WA")
    join_request = JoinRequestFactory(name="Casa Latina", state="WA", **REQUESTS[request_name])

    response = reviewer_client.post(decision_url("approve", join_request), {"editor_note": "ok"})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.decided_by is None
    if listed is None:
        assert not Signatory.objects.exists()
    else:
        listed.refresh_from_db()
        assert listed.live


def test_an_editor_without_publish_permission_still_rejects(reviewer_client, site_pages):
    # The check is about publishing: the same editor keeps the rest of the queue's work.
    join_request = JoinRequestFactory(name="Casa Latina", state="WA")

    response = reviewer_client.post(decision_url("reject", join_request), {"editor_note": "no"})

    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REJECTED
