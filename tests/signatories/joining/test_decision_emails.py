"""The contact hears of the decision on their request: a rejection (with the editor's note), a
withdrawal done, a correction approved; each contact alone, in their own language, and only at
an address someone confirmed."""

import pytest
from django.core import mail

from signatories.joining.email_tasks import send_all_due_emails
from signatories.models import JoinRequest

from ...admin_helpers import create_form_data, join_request_url, signatory_url
from ...factories import JoinRequestFactory


@pytest.fixture
def decide(client, moderator, django_capture_on_commit_callbacks):
    """Approve or reject a request through its decision page, as a Signatory editor, with the
    on-commit work (the email sweep) run as a commit would."""
    client.force_login(moderator)

    def decide(join_request, decision, **data):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(join_request_url(decision, join_request.pk), data)
        assert response.status_code == 302
        return list(mail.outbox)

    return decide


def test_a_rejected_contact_gets_an_email_quoting_the_editors_note(decide, site_pages):
    join_request = JoinRequestFactory(
        name="Casa Latina", state="WA", contact_email="maria@casa.example.org"
    )

    (email,) = decide(join_request, "reject", editor_note="We list only organizations.")

    assert email.to == ["maria@casa.example.org"]
    assert email.subject == "About your request to the statement's list"
    assert "add Casa Latina (Washington)" in email.body
    assert "could not approve it" in email.body
    assert "We list only organizations." in email.body
    join_request.refresh_from_db()
    assert join_request.decision_notice_due_at is None


def test_the_email_is_in_the_language_the_request_was_sent_in(decide, site_pages):
    join_request = JoinRequestFactory(name="Casa Latina", state="WA", language="es")

    (email,) = decide(join_request, "reject")

    assert email.subject == "Sobre su solicitud a la lista de la declaración"
    assert "Hola:" in email.body
    assert "Hello," not in email.body


def test_a_rejection_without_a_note_quotes_no_earlier_internal_note(decide, site_pages):
    join_request = JoinRequestFactory(
        name="Casa Latina", state="WA", editor_note="Director sounded unsure on the phone."
    )

    (email,) = decide(join_request, "reject")

    assert "Director sounded unsure" not in email.body
    assert "note" not in email.body.lower()


def test_each_contact_gets_their_own_email_and_nothing_of_the_others(decide, site_pages):
    original = JoinRequestFactory(
        name="Union of Workers",
        state="WA",
        contact_name="Maria Example",
        contact_email="maria@union.example.org",
    )
    again = JoinRequestFactory(
        name="Uni0n of Workers",
        state="WA",
        contact_name="Someone Else",
        contact_email="someone@elsewhere.example.net",
        status=JoinRequest.Status.DUPLICATE,
        duplicate_of=original,
        language="es",
    )

    emails = decide(original, "reject", editor_note="Not a coalition member.")

    by_address = {tuple(email.to): email for email in emails}
    assert set(by_address) == {("maria@union.example.org",), ("someone@elsewhere.example.net",)}
    to_maria = by_address[("maria@union.example.org",)]
    to_other = by_address[("someone@elsewhere.example.net",)]
    # Each about the request as its contact sent it, in their language.
    assert "Union of Workers" in to_maria.body
    assert "Uni0n of Workers" in to_other.body
    assert "Hola:" in to_other.body
    for email, other in ((to_maria, again), (to_other, original)):
        text = email.subject + email.body
        assert other.contact_email not in text
        assert other.contact_name not in text
        assert other.name not in text


def test_no_email_reaches_an_address_no_one_confirmed(decide, site_pages):
    join_request = JoinRequestFactory(name="Casa Latina", state="WA", unconfirmed=True)
    confirmed_twin = JoinRequestFactory(
        name="Casa Latina",
        state="WA",
        contact_email="confirmed@casa.example.org",
        status=JoinRequest.Status.DUPLICATE,
        duplicate_of=join_request,
    )

    emails = decide(join_request, "reject")

    assert [email.to for email in emails] == [[confirmed_twin.contact_email]]


def test_no_email_when_the_contacts_address_was_erased(decide, site_pages):
    # The retention purge empties the address of a request left undecided too long.
    join_request = JoinRequestFactory(name="Casa Latina", state="WA", contact_email="")

    assert decide(join_request, "reject") == []


def test_approving_a_join_sends_the_contact_nothing(decide, site_pages):
    join_request = JoinRequestFactory(name="Casa Latina", state="WA")

    assert decide(join_request, "approve") == []


@pytest.fixture
def casa_request(casa):
    def casa_request(kind):
        return JoinRequestFactory(
            kind=kind,
            name="Casa Latina",
            state="WA",
            signatory=casa,
            contact_email="director@casa.example.org",
        )

    return casa_request


def test_a_withdrawal_done_is_told_to_the_contact(decide, casa_request):
    withdrawal = casa_request(JoinRequest.Kind.WITHDRAWAL)

    (email,) = decide(withdrawal, "approve", verified_another_way="on")

    assert email.to == ["director@casa.example.org"]
    assert email.subject == "Your organization is no longer on the statement's list"
    assert "Casa Latina (Washington) is no longer on the list" in email.body


def test_a_correction_is_told_once_it_is_made_not_when_approved(
    decide, casa_request, client, django_capture_on_commit_callbacks
):
    correction = casa_request(JoinRequest.Kind.CORRECTION)
    casa = correction.signatory

    # Approved: the editor has yet to make the change, so the contact hears nothing yet.
    assert decide(correction, "approve", verified_another_way="on") == []
    correction.refresh_from_db()
    assert correction.decision_notice_due_at is not None
    # Another sweep (another request's email) does not send it either.
    assert send_all_due_emails()[1] == []
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            signatory_url("edit", casa.pk),
            create_form_data("Casa Latina", city="Tacoma", **{"action-publish": "1"}),
        )
    assert response.status_code == 302

    (email,) = mail.outbox
    assert email.to == ["director@casa.example.org"]
    assert email.subject == "Your correction to the statement's list"
    assert "We have corrected the listing of Casa Latina (Washington)" in email.body
    correction.refresh_from_db()
    assert correction.decision_notice_due_at is None


def test_a_later_publication_sends_no_second_correction_email(
    decide, casa_request, client, django_capture_on_commit_callbacks
):
    correction = casa_request(JoinRequest.Kind.CORRECTION)
    decide(correction, "approve", verified_another_way="on")
    for city in ("Tacoma", "Seattle"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                signatory_url("edit", correction.signatory.pk),
                create_form_data("Casa Latina", city=city, **{"action-publish": "1"}),
            )

    assert len(mail.outbox) == 1


def test_a_rejected_withdrawal_says_the_listing_stays(decide, casa_request):
    withdrawal = casa_request(JoinRequest.Kind.WITHDRAWAL)

    (email,) = decide(withdrawal, "reject", editor_note="We could not verify this request.")

    assert "we did not make this change" in email.body
    assert "We could not verify this request." in email.body
