"""Approving and rejecting a join request in the admin: the confirmation pages, what each decision
writes (a live signatory, its history, the request's log), and a decided request left as it is."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry, ReferenceIndex

from signatories.models import JoinRequest, Signatory

from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ...helpers import state_section

# Approving


def test_approve_page_asks_for_confirmation(moderator_client, join_request):
    response = moderator_client.get(admin_url("approve", join_request.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Yes, approve" in html
    assert "Approving adds this organization to the public list right away." in html
    join_request.refresh_from_db()
    assert join_request.is_pending
    assert not Signatory.objects.exists()


def test_approve_creates_a_live_signatory(moderator_client, moderator, join_request):
    response = moderator_client.post(
        admin_url("approve", join_request.pk), {"editor_note": "Known partner."}
    )

    assert response.status_code == 302
    assert response["Location"] == admin_url("index")
    signatory = Signatory.objects.get()
    assert signatory.live
    assert (signatory.name, signatory.level, signatory.state) == ("Casa Latina", "state", "WA")
    assert signatory.website == "https://casa-latina.example.org"
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.signatory == signatory
    assert join_request.decided_by == moderator
    assert join_request.decided_at is not None
    assert join_request.editor_note == "Known partner."


def test_the_request_behind_a_signatory_is_not_counted_as_a_use_of_it(
    moderator_client, join_request
):
    moderator_client.post(admin_url("approve", join_request.pk), {"editor_note": ""})
    signatory = Signatory.objects.get()
    assert JoinRequest.objects.get().signatory == signatory
    assert not ReferenceIndex.get_references_to(signatory).exists()


def test_approve_reports_success(moderator_client, join_request):
    response = moderator_client.post(admin_url("approve", join_request.pk), follow=True)

    assert "Approved: Casa Latina (Washington) is now on the public list." in (
        response.content.decode()
    )


def test_approved_organization_appears_under_its_state(moderator_client, join_request):
    moderator_client.post(admin_url("approve", join_request.pk))

    html = moderator_client.get("/").content.decode()

    section = state_section(html, "state-wa")
    assert '<h3 id="state-wa-heading">Washington</h3>' in section
    assert "Casa Latina" in section
    assert "1 organization has signed" in html


def test_approve_publishes_an_existing_unpublished_signatory(
    moderator_client, join_request, moderator
):
    existing = SignatoryFactory(name="The Casa Latina", state="WA", live=False)

    page = moderator_client.get(admin_url("approve", join_request.pk)).content.decode()
    moderator_client.post(admin_url("approve", join_request.pk))

    assert "already exists under this heading" in page
    assert Signatory.objects.count() == 1
    existing.refresh_from_db()
    assert existing.live
    assert existing.name == "The Casa Latina"
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.signatory == existing
    assert "The Casa Latina" in state_section(
        moderator_client.get("/").content.decode(), "state-wa"
    )


def test_approve_leaves_history_on_the_signatory(moderator_client, moderator, join_request):
    moderator_client.post(admin_url("approve", join_request.pk))

    signatory = Signatory.objects.get()
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Signatory), object_id=str(signatory.pk)
    )
    assert {entry.action for entry in entries} >= {"wagtail.create", "wagtail.publish"}
    assert all(entry.user == moderator for entry in entries)
    assert signatory.revisions.count() == 1
    assert signatory.live_revision == signatory.latest_revision


def test_decision_is_logged_on_the_request(moderator_client, moderator, join_request):
    moderator_client.post(admin_url("reject", join_request.pk))

    entry = ModelLogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(JoinRequest),
        object_id=str(join_request.pk),
    )
    assert entry.action == "signatories.reject_join_request"
    assert entry.user == moderator


# Rejecting


def test_reject_page_asks_for_confirmation(moderator_client, join_request):
    response = moderator_client.get(admin_url("reject", join_request.pk))

    assert response.status_code == 200
    assert "Yes, reject" in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.is_pending


def test_reject_marks_the_request_rejected(moderator_client, moderator, join_request):
    response = moderator_client.post(admin_url("reject", join_request.pk))

    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REJECTED
    assert join_request.decided_by == moderator
    assert join_request.decided_at is not None
    assert join_request.signatory is None
    assert not Signatory.objects.exists()


def test_rejected_organization_is_not_listed(moderator_client, join_request):
    moderator_client.post(admin_url("reject", join_request.pk))

    html = moderator_client.get("/").content.decode()

    assert "Casa Latina" not in html
    assert "No organizations are listed yet." in html


# Deciding twice


@pytest.mark.parametrize("decision", ["approve", "reject"])
@pytest.mark.parametrize("earlier", [JoinRequest.Status.APPROVED, JoinRequest.Status.REJECTED])
def test_deciding_a_decided_request_changes_nothing(
    moderator_client, join_request, decision, earlier
):
    earlier_user = UserFactory()
    JoinRequest.objects.filter(pk=join_request.pk).update(status=earlier, decided_by=earlier_user)
    join_request.refresh_from_db()

    response = moderator_client.post(admin_url(decision, join_request.pk), follow=True)

    assert f"This request was already {earlier.label}." in response.content.decode()
    after = JoinRequest.objects.get(pk=join_request.pk)
    assert after.status == earlier
    assert after.decided_by == earlier_user
    assert after.decided_at is None
    assert after.signatory is None
    assert not Signatory.objects.exists()


def test_decision_page_for_a_decided_request_offers_no_form(moderator_client, join_request):
    JoinRequest.objects.filter(pk=join_request.pk).update(status=JoinRequest.Status.REJECTED)

    html = moderator_client.get(admin_url("approve", join_request.pk)).content.decode()

    assert "This request was already Rejected." in html
    assert "Yes, approve" not in html


@pytest.mark.parametrize("kind", [JoinRequest.Kind.JOIN, JoinRequest.Kind.WITHDRAWAL])
def test_a_request_whose_acknowledgment_was_withheld_mentions_no_email_link(
    moderator_client, site_pages, kind
):
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    withheld = JoinRequestFactory(
        kind=kind,
        name="Casa Latina",
        state="WA",
        signatory=casa if kind != JoinRequest.Kind.JOIN else None,
        unconfirmed=True,
        review_flags=[{"code": "acknowledgment-withheld", "reason": "No acknowledgment was sent."}],
    )

    html = moderator_client.get(admin_url("approve", withheld.pk)).content.decode()

    assert "no acknowledgment was sent (a sending limit was reached)" in html
    assert "the link in our email" not in html


def test_an_unconfirmed_request_that_was_emailed_points_to_the_link(moderator_client, site_pages):
    emailed = JoinRequestFactory(name="Casa Latina", state="WA", unconfirmed=True)

    html = moderator_client.get(admin_url("approve", emailed.pk)).content.decode()

    assert "by following the link in our email" in html
