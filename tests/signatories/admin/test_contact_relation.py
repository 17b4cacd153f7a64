"""A withdrawal or correction is approved only when a confirmed contact's email is tied to the
listing (its website's domain, or the contact on record), or the editor says they verified it
another way: a confirmed email proves only that the requester reads that mailbox."""

import pytest
from django.utils import timezone

from signatories.admin import moderation
from signatories.admin.contact_relation import CONTACT, DOMAIN, NONE, relation
from signatories.models import JoinRequest

from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ...helpers import change_data, confirm_link

NO_RELATION = "no relation: check by another channel"
VERIFIED = "I verified this request another way"


@pytest.fixture
def casa(site_pages):
    return SignatoryFactory(name="Casa Latina", state="WA", website="https://www.casalatina.org/")


@pytest.fixture
def moderator_client(client):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client


def withdrawal(casa, email, **extra):
    return JoinRequestFactory(
        kind=JoinRequest.Kind.WITHDRAWAL,
        name=casa.name,
        state=casa.state,
        signatory=casa,
        contact_email=email,
        **extra,
    )


@pytest.mark.parametrize(
    ("email", "kind"),
    [
        ("ana@casalatina.org", DOMAIN),
        ("ana@mail.casalatina.org", DOMAIN),
        ("Ana@CasaLatina.org", DOMAIN),
        ("attacker@gmail.com", NONE),
        ("ana@casalatina.org.evil.example", NONE),
        ("ana@notcasalatina.org", NONE),
    ],
)
def test_the_email_domain_counts_when_it_is_the_websites_registrable_domain(casa, email, kind):
    assert relation(email, casa).kind == kind


def test_a_free_mail_domain_never_matches_a_website_on_it(db):
    group_page = SignatoryFactory(name="Casa Group", state="WA", website="https://gmail.com/casa")

    assert relation("casa@gmail.com", group_page).kind == NONE


def test_a_public_suffix_alone_is_no_shared_domain(db):
    pages = SignatoryFactory(name="Casa Pages", state="WA", website="https://casa.github.io/")

    assert relation("someone@other.github.io", pages).kind == NONE
    assert relation("ana@casa.github.io", pages).kind == DOMAIN


def test_the_contact_who_asked_to_join_is_the_contact_on_record(casa):
    JoinRequestFactory(
        name=casa.name,
        state=casa.state,
        signatory=casa,
        contact_email="pat@gmail.com",
        status=JoinRequest.Status.APPROVED,
        decided_at=timezone.now(),
    )

    assert relation("PAT@gmail.com", casa).kind == CONTACT
    assert relation("other@gmail.com", casa).kind == NONE


def test_the_approval_page_says_how_each_email_relates(casa, moderator_client):
    related = withdrawal(casa, "ana@mail.casalatina.org")
    stranger = SignatoryFactory(name="Faith Action", state="WA", website="https://faith.org")
    unrelated = withdrawal(stranger, "attacker@gmail.com")

    related_page = moderator_client.get(admin_url("approve", related.pk)).content.decode()
    unrelated_page = moderator_client.get(admin_url("approve", unrelated.pk)).content.decode()

    assert "email domain matches the listing&#x27;s website (casalatina.org)" in related_page
    assert VERIFIED not in related_page
    assert NO_RELATION in unrelated_page
    assert VERIFIED in unrelated_page
    assert 'name="verified_another_way"' in unrelated_page


def test_a_confirmed_withdrawal_from_an_unrelated_email_needs_the_editors_check(
    casa, moderator_client
):
    attack = withdrawal(casa, "attacker@gmail.com")
    assert attack.is_confirmed

    refused = moderator_client.post(admin_url("approve", attack.pk))

    assert refused.status_code == 200
    assert "verify the request with the organization another way" in refused.content.decode()
    casa.refresh_from_db()
    attack.refresh_from_db()
    assert casa.live and attack.is_pending

    moderator_client.post(admin_url("approve", attack.pk), {"verified_another_way": "on"})
    casa.refresh_from_db()
    assert not casa.live


def test_a_confirmed_withdrawal_from_the_websites_domain_needs_no_extra_check(
    casa, moderator_client
):
    request = withdrawal(casa, "board@casalatina.org")

    response = moderator_client.post(admin_url("approve", request.pk))

    assert response.status_code == 302
    casa.refresh_from_db()
    assert not casa.live


def test_a_related_email_that_never_confirmed_proves_nothing(casa, editor):
    typed = withdrawal(casa, "board@casalatina.org", unconfirmed=True)

    with pytest.raises(moderation.ChecksRequired) as asked:
        moderation.approve(typed, editor, override_unconfirmed=True)

    assert list(asked.value.missing) == [moderation.VERIFIED_ANOTHER_WAY]


def test_corrections_need_the_check_too(casa, editor):
    correction = JoinRequestFactory(
        kind=JoinRequest.Kind.CORRECTION,
        name=casa.name,
        state=casa.state,
        signatory=casa,
        contact_email="someone@yahoo.com",
        details="Our city is Tacoma.",
    )

    with pytest.raises(moderation.ChecksRequired):
        moderation.approve(correction, editor)
    assert moderation.approve(correction, editor, verified_another_way=True) == casa


def test_anyone_can_get_a_confirmation_link_but_not_a_withdrawal(
    casa, client, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/join/change/", change_data(contact_email="attacker@gmail.com"))
    client.post(confirm_link(next(m for m in mail.outbox if m.to == ["attacker@gmail.com"])))
    attack = JoinRequest.objects.get(kind=JoinRequest.Kind.WITHDRAWAL)
    assert attack.is_confirmed

    client.force_login(UserFactory(groups=["Signatory editors"]))
    client.post(admin_url("approve", attack.pk))

    casa.refresh_from_db()
    assert casa.live
