"""Editors deciding on a request to remove or correct a listing: the queue shows its type,
approving a withdrawal unpublishes the listing, approving a correction opens it to edit."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from signatories.models import JoinRequest, Signatory

from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory, SignatoryFactory
from ...helpers import state_section


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def withdrawal(casa):
    return JoinRequestFactory(
        kind=JoinRequest.Kind.WITHDRAWAL,
        name="Casa Latina",
        state="WA",
        signatory=casa,
        details="We are leaving the coalition.",
    )


@pytest.fixture
def correction(casa):
    return JoinRequestFactory(
        kind=JoinRequest.Kind.CORRECTION,
        name="Casa Latina",
        state="WA",
        signatory=casa,
        details="Our city is Tacoma.",
    )


def test_queue_shows_and_filters_the_type(moderator_client, withdrawal):
    JoinRequestFactory(name="Faith Action Network")

    everything = moderator_client.get(admin_url("index")).content.decode()
    withdrawals = moderator_client.get(admin_url("index") + "?kind__exact=withdrawal")

    assert "Withdrawal" in everything
    assert "Faith Action Network" in everything
    assert "Casa Latina" in withdrawals.content.decode()
    assert "Faith Action Network" not in withdrawals.content.decode()


def test_inspect_view_shows_type_and_details(moderator_client, withdrawal):
    html = moderator_client.get(admin_url("inspect", withdrawal.pk)).content.decode()

    assert "Withdrawal" in html
    assert "We are leaving the coalition." in html


def test_approve_page_says_the_listing_will_be_unpublished(moderator_client, withdrawal):
    html = moderator_client.get(admin_url("approve", withdrawal.pk)).content.decode()

    assert "Approving takes “Casa Latina” off the public list." in html
    assert "We are leaving the coalition." in html
    assert Signatory.objects.get().live


def test_approving_a_withdrawal_unpublishes_and_keeps_the_record(
    moderator_client, moderator, withdrawal, casa
):
    SignatoryFactory(name="Faith Action Network", state="WA")
    before = moderator_client.get("/").content.decode()

    response = moderator_client.post(
        admin_url("approve", withdrawal.pk), {"verified_another_way": "on"}, follow=True
    )

    assert "Withdrawn: Casa Latina is no longer on the public list" in response.content.decode()
    after = moderator_client.get("/").content.decode()
    assert "2 organizations have signed" in before
    assert "1 organization has signed" in after
    assert "Casa Latina" not in state_section(after, "state-wa")
    casa.refresh_from_db()
    assert not casa.live
    assert casa.city == "Seattle"
    withdrawal.refresh_from_db()
    assert withdrawal.status == JoinRequest.Status.APPROVED
    assert withdrawal.decided_by == moderator
    unpublished = ModelLogEntry.objects.for_instance(casa).get(action="wagtail.unpublish")
    assert unpublished.user == moderator


def test_approving_a_correction_opens_the_listing_to_edit(
    moderator_client, moderator, correction, casa
):
    response = moderator_client.post(
        admin_url("approve", correction.pk), {"verified_another_way": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        Signatory.snippet_viewset.get_url_name("edit"), args=[casa.pk]
    )
    correction.refresh_from_db()
    assert correction.status == JoinRequest.Status.APPROVED
    assert correction.decided_by == moderator
    assert correction.signatory == casa
    casa.refresh_from_db()
    assert casa.live
    assert casa.city == "Seattle"
    decision = ModelLogEntry.objects.for_instance(correction).get()
    assert decision.action == "signatories.approve_join_request"


def test_unlisted_withdrawal_cannot_be_approved_until_it_matches(moderator_client, casa):
    change = JoinRequestFactory(kind=JoinRequest.Kind.WITHDRAWAL, name="Casa Latina WA", state="WA")

    response = moderator_client.post(admin_url("approve", change.pk), follow=True)

    assert "No signatory matches this request." in response.content.decode()
    change.refresh_from_db()
    assert change.is_pending
    JoinRequest.objects.filter(pk=change.pk).update(name="Casa Latina", sort_key="casa latina")
    moderator_client.post(admin_url("approve", change.pk), {"verified_another_way": "on"})
    casa.refresh_from_db()
    assert not casa.live
