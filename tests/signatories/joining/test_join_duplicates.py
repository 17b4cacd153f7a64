"""The join form says only what the public list shows: a name already waiting or unpublished
gets the thank-you every request gets, and editors see one request with every contact. Which
names count as the same: the normalized name under the same heading."""

import pytest
from django.core import mail
from django.utils import timezone

from signatories.models import JoinRequest, Signatory

from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ...helpers import change_data, confirm_link, form_data
from .join_form_page import THANKS_URL


@pytest.fixture
def send(client, site_pages, django_capture_on_commit_callbacks):
    def post(data, url="/join/"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


@pytest.fixture
def moderator_client(client):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client


def acknowledgments(email):
    return [message for message in mail.outbox if message.to == [email]]


def test_a_name_already_waiting_gets_the_same_thank_you_and_editors_one_request(send):
    original = JoinRequestFactory(name="Casa Latina", state="WA", unconfirmed=True)

    response = send(form_data(name="CASA LATINA", contact_email="ana@casa-latina.example.org"))

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert list(JoinRequest.objects.pending()) == [original]
    second = JoinRequest.objects.get(contact_email="ana@casa-latina.example.org")
    assert second.status == JoinRequest.Status.DUPLICATE
    assert second.duplicate_of == original
    # Acknowledged like any request; the editors are not told about it a second time.
    assert len(acknowledgments("ana@casa-latina.example.org")) == 1
    assert [m for m in mail.outbox if m.to == ["editors@example.org"]] == []


def test_nothing_on_the_page_tells_a_waiting_name_from_a_new_one(client, send):
    JoinRequestFactory(name="Casa Latina", state="WA")
    fresh = send(form_data(name="Faith Action Network"))

    waiting = send(form_data())

    assert (waiting.status_code, waiting["Location"]) == (fresh.status_code, fresh["Location"])
    assert "already" not in client.get(THANKS_URL).content.decode()


def test_editors_see_every_contact_of_a_request_sent_twice(send, moderator_client):
    original = JoinRequestFactory(name="Casa Latina", state="WA", contact_name="Pat Organizer")
    send(form_data(contact_name="Ana Second", contact_email="ana@example.net"))

    queue = moderator_client.get(admin_url("index")).content.decode()
    approve = moderator_client.get(admin_url("approve", original.pk)).content.decode()

    assert queue.count('title="Reject: Casa Latina"') == 1
    assert "Sent 1 more time" in queue
    assert "Ana Second" in approve
    assert "ana@example.net" in approve


def test_a_second_contact_can_confirm_and_the_decision_covers_both(send, client, site_pages):
    original = JoinRequestFactory(name="Casa Latina", state="WA", unconfirmed=True)
    send(form_data(contact_email="ana@example.net"))
    second = JoinRequest.objects.get(contact_email="ana@example.net")

    link = confirm_link(acknowledgments("ana@example.net")[0])
    client.post(link)
    second.refresh_from_db()
    assert second.is_confirmed

    editor = UserFactory(groups=["Signatory editors"])
    client.force_login(editor)
    # Someone who reads a mailbox of the organization confirmed: no override needed.
    response = client.post(admin_url("approve", original.pk))
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.decided_by == editor
    assert second.decided_at is not None
    assert Signatory.objects.get(name="Casa Latina").live


def test_the_same_change_request_twice_is_thanked_and_kept_once(send):
    SignatoryFactory(name="Casa Latina", state="WA")
    send(change_data(), url="/join/change/")

    response = send(change_data(contact_email="ana@example.net"), url="/join/change/")

    assert response["Location"] == "/join/change/thanks/"
    assert JoinRequest.objects.pending().count() == 1
    assert JoinRequest.objects.filter(status=JoinRequest.Status.DUPLICATE).count() == 1


def test_an_unpublished_listing_is_not_revealed_and_the_request_is_kept(send):
    SignatoryFactory(name="Secret Draft Org", state="WA", live=False)

    response = send(form_data(name="Secret Draft Org"))

    assert response["Location"] == THANKS_URL
    join_request = JoinRequest.objects.get()
    assert join_request.is_pending
    assert [flag["code"] for flag in join_request.review_flags] == ["unpublished_listing"]


def test_a_withdrawn_organization_can_rejoin_and_editors_see_a_rejoin(
    send, moderator_client, editor
):
    casa = SignatoryFactory(name="Casa Latina", state="WA", live=False)
    casa.save_revision(user=editor).publish(user=editor)
    casa.refresh_from_db()
    casa.unpublish(user=editor)
    casa.refresh_from_db()
    assert not casa.live

    response = send(form_data())

    assert response["Location"] == THANKS_URL
    rejoin = JoinRequest.objects.get()
    assert [flag["code"] for flag in rejoin.review_flags] == ["rejoin"]
    page = moderator_client.get(admin_url("approve", rejoin.pk)).content.decode()
    assert "was listed before and taken off the list" in page
    moderator_client.post(admin_url("approve", rejoin.pk), {"override_unconfirmed": "on"})
    casa.refresh_from_db()
    assert casa.live


def test_a_published_signatory_is_still_told_it_has_signed(send):
    SignatoryFactory(name="Casa Latina", state="WA")

    response = send(form_data())

    assert response.status_code == 200
    assert "Casa Latina has already signed the statement under Washington." in (
        response.content.decode()
    )
    assert not JoinRequest.objects.exists()


def test_duplicates_are_forgotten_with_the_request_they_joined(send, editor):
    from signatories.joining.retention import purge_contact_details

    original = JoinRequestFactory(name="Casa Latina", state="WA")
    send(form_data(contact_email="ana@example.net"))
    from signatories.admin import moderation

    moderation.reject(original, editor)
    JoinRequest.objects.update(decided_at=timezone.now() - timezone.timedelta(days=400))

    purge_contact_details(180)

    assert not JoinRequest.objects.exclude(contact_email="").exists()


# Which names count as the same: the normalized name under the same heading, while listed
# or waiting


def test_existing_signatory_is_reported_as_already_signed(send):
    SignatoryFactory(name="The Casa Latina", state="WA")

    response = send(form_data(name="casa latina"))

    assert response.status_code == 200
    assert "casa latina has already signed the statement under Washington." in (
        response.content.decode()
    )
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize(
    "variant",
    ["CASA LATINA", "Casa Látina", "Casa-Latina!", "  Casa   Latina ", "The Casa Latina"],
)
def test_pending_request_with_same_normalized_name_is_kept_with_it(send, variant):
    waiting = JoinRequestFactory(name="Casa Latina", state="WA")

    response = send(form_data(name=variant))

    assert response["Location"] == THANKS_URL
    assert list(JoinRequest.objects.pending()) == [waiting]
    assert JoinRequest.objects.get(duplicate_of=waiting).name == " ".join(variant.split())


def test_same_name_in_another_state_is_accepted(send):
    SignatoryFactory(name="Casa Latina", state="WA")
    JoinRequestFactory(name="Casa Latina", state="WA")

    response = send(form_data(state="OR"))

    assert response.status_code == 302
    assert JoinRequest.objects.filter(state="OR", name="Casa Latina").count() == 1


def test_rejected_request_does_not_block_a_new_one(send):
    JoinRequestFactory(name="Casa Latina", state="WA", status=JoinRequest.Status.REJECTED)

    response = send(form_data())

    assert response.status_code == 302
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 1
    assert JoinRequest.objects.count() == 2
