"""Asking to remove or correct a listing at /join/change/: the form, what it stores and sends,
its bot traps, rate limit and CSRF check as on the join form, and the override an editor needs
to approve what it sent unconfirmed."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import Client, override_settings

from signatories.joining.bot_traps import sign_started_at
from signatories.models import JoinRequest

from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory
from ...helpers import CHANGE_VALID as VALID
from ...helpers import change_data

CHANGE_URL = "/join/change/"
THANKS_URL = "/join/change/thanks/"


@pytest.fixture
def send(client, site_pages, django_capture_on_commit_callbacks):
    """POST to the change form, rather than the join form as the folder's ``send`` does."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(CHANGE_URL, data, **extra)

    return post


# The form


def test_join_page_links_to_the_change_form(client, site_pages):
    html = client.get("/join/").content.decode()

    assert f'href="{CHANGE_URL}"' in html
    assert "Remove or correct your listing" in html


def test_change_form_shows_its_fields(client, site_pages):
    response = client.get(CHANGE_URL)

    html = response.content.decode()
    assert response.status_code == 200
    for field in ["name", "state", "contact_name", "contact_email", "details"]:
        assert f'id="id_{field}"' in html
    assert 'value="withdrawal"' in html
    assert 'value="correction"' in html
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', html)
    assert "no-store" in response["Cache-Control"]


def test_state_select_is_the_join_forms(client, site_pages):
    html = client.get(CHANGE_URL).content.decode()

    select = re.search(r'<select name="state"[^>]*>(.*?)</select>', html, re.S).group(1)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    assert options[:3] == [("", "Choose…"), ("national", "National"), ("AL", "Alabama")]


def test_withdrawal_is_stored_pending_with_its_kind_and_listing(send, casa):
    response = send(change_data(name="the casa latina"))

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    change = JoinRequest.objects.get()
    assert change.kind == JoinRequest.Kind.WITHDRAWAL
    assert change.status == JoinRequest.Status.PENDING
    assert change.signatory == casa
    assert change.details == "We are leaving the coalition."
    assert change.contact_email == "maria@example.org"
    assert change.review_flags == []
    casa.refresh_from_db()
    assert casa.live


def test_thanks_page_promises_a_review(client, site_pages):
    response = client.get(THANKS_URL)

    assert response.status_code == 200
    assert "An editor will review it" in response.content.decode()


def test_correction_is_stored_with_what_to_change(send, casa):
    send(change_data(change="correction", details="Our website is https://casa.example.org"))

    change = JoinRequest.objects.get()
    assert change.kind == JoinRequest.Kind.CORRECTION
    assert change.details == "Our website is https://casa.example.org"
    assert change.signatory == casa


def test_correction_needs_details(send, casa):
    response = send(change_data(change="correction", details=""))

    assert response.status_code == 200
    assert "Please tell us what to correct." in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_unknown_organization_is_accepted_and_flagged(send, casa):
    response = send(change_data(name="Casa Latina", state="OR"))

    assert response.status_code == 302
    change = JoinRequest.objects.get()
    assert change.signatory is None
    assert [flag["code"] for flag in change.review_flags] == ["unlisted"]
    assert change.review_reasons == ["No signatory named “Casa Latina” is listed under Oregon."]


def test_same_pending_change_is_thanked_and_kept_with_the_first(send, casa):
    send(change_data())

    response = send(change_data(name="CASA LATINA"))

    assert response["Location"] == THANKS_URL
    first = JoinRequest.objects.pending().get()
    assert JoinRequest.objects.get(duplicate_of=first).name == "CASA LATINA"


def test_a_pending_join_request_does_not_block_a_withdrawal(send, casa):
    JoinRequestFactory(name="Casa Latina", state="WA")

    assert send(change_data()).status_code == 302
    assert JoinRequest.objects.filter(kind=JoinRequest.Kind.WITHDRAWAL).count() == 1


def test_change_request_is_acknowledged_with_a_confirmation_link(send, casa):
    send(change_data())

    acknowledgment = next(m for m in mail.outbox if m.to == [VALID["contact_email"]])
    assert acknowledgment.subject == "We received your request to be removed from the statement"
    assert "remove Casa Latina (Washington) from the list" in acknowledgment.body
    assert "/join/confirm/" in acknowledgment.body
    notice = next(m for m in mail.outbox if m.to == ["editors@example.org"])
    assert notice.subject == "1 new request to review"
    assert "Withdrawal: Casa Latina (Washington)" in notice.body


# Bot traps, rate limit and CSRF, as on the join form


def test_filled_honeypot_is_thanked_and_discarded(send, casa):
    response = send(change_data(homepage="https://spam.example.com"))

    assert response["Location"] == THANKS_URL
    assert not JoinRequest.objects.exists()


@override_settings(JOIN_MIN_SECONDS=3)
def test_a_valid_change_sent_a_second_after_loading_is_stored_flagged_and_thanked(send, casa):
    response = send(change_data(started=sign_started_at(time.time() - 1)))

    assert response["Location"] == THANKS_URL
    change = JoinRequest.objects.get()
    assert change.kind == JoinRequest.Kind.WITHDRAWAL
    assert change.signatory == casa
    assert change.sent_quickly is True
    assert not change.is_confirmed


@pytest.mark.parametrize("started", [None, "not-a-token", "other-salt"])
def test_a_valid_change_with_a_missing_or_forged_start_time_is_stored_flagged(send, casa, started):
    if started == "other-salt":
        started = signing.dumps(0)

    response = send(change_data(started=started))

    assert response["Location"] == THANKS_URL
    assert JoinRequest.objects.get().sent_quickly is True


@override_settings(JOIN_MIN_SECONDS=3)
def test_an_empty_change_form_sent_at_once_gets_the_field_errors_and_nothing_is_stored(send, casa):
    response = send({"started": sign_started_at()})

    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'id="id_(\w+)_error"', html) == [
        "name",
        "state",
        "contact_name",
        "contact_email",
        "change",
    ]
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


@override_settings(JOIN_MIN_SECONDS=3)
def test_a_correction_without_details_sent_at_once_is_asked_for_them(send, casa):
    response = send(change_data(change="correction", details="", started=sign_started_at()))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please tell us what to correct." in html
    assert 'value="Maria Example"' in html
    assert not JoinRequest.objects.exists()


@override_settings(JOIN_RATE_LIMIT=(2, 600))
def test_third_request_from_one_address_is_refused(send, casa):
    for name in ["Casa Latina", "Faith Action"]:
        assert send(change_data(name=name), REMOTE_ADDR="198.51.100.7").status_code == 302

    response = send(change_data(name="Neighbors United"), REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    assert "We have received several requests from your network" in response.content.decode()
    assert not JoinRequest.objects.filter(name="Neighbors United").exists()
    other_address = send(change_data(name="Neighbors United"), REMOTE_ADDR="203.0.113.9")
    assert other_address.status_code == 302


def test_post_without_csrf_token_is_forbidden(casa):
    response = Client(enforce_csrf_checks=True).post(CHANGE_URL, change_data())

    assert response.status_code == 403
    assert not JoinRequest.objects.exists()


def test_contact_details_are_not_echoed_on_the_thanks_page(client, send, casa):
    send(change_data())

    html = client.get(THANKS_URL).content.decode()

    assert "maria@example.org" not in html
    assert "Maria Example" not in html


def test_a_withdrawal_from_the_form_needs_the_unconfirmed_override(send, client, moderator, casa):
    send(change_data())
    change = JoinRequest.objects.get()
    client.force_login(moderator)

    asked = client.post(admin_url("approve", change.pk))
    casa.refresh_from_db()
    assert asked.status_code == 200
    assert casa.live

    client.post(
        admin_url("approve", change.pk),
        {"override_unconfirmed": "on", "verified_another_way": "on"},
    )
    casa.refresh_from_db()
    assert not casa.live
