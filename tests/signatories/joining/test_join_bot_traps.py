"""The join form's bot traps: the honeypot, the minimum time (a request sent quickly is kept
and flagged for editors, never thrown away) and the form's maximum age."""

import time

import pytest
from django.conf import settings
from django.core import mail, signing
from django.test import override_settings
from django.utils.html import escape

from signatories.joining.bot_traps import sign_started_at
from signatories.models import JoinRequest

from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory, UserFactory
from ...helpers import JOIN_VALID as VALID
from ...helpers import form_data
from .join_form_page import TEXT_INPUTS, THANKS_URL, field_block, started_token


def test_filled_honeypot_is_thanked_and_discarded(send):
    response = send(form_data(homepage="https://spam.example.com"))

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


# A person whose browser fills the form in, or who knows it by heart, sends it within the
# minimum time: their request is kept for the editors, never thanked and thrown away.


@override_settings(JOIN_MIN_SECONDS=3)
def test_a_valid_request_sent_a_second_after_loading_is_stored_flagged_and_thanked(send, caplog):
    caplog.set_level("INFO", logger="signatories")

    response = send(form_data(started=sign_started_at(time.time() - 1)))

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    join_request = JoinRequest.objects.get()
    assert join_request.name == "Casa Latina"
    assert join_request.is_pending and not join_request.is_confirmed
    assert join_request.sent_quickly is True
    # It reaches the list only once the contact confirms it, as any other request.
    acknowledgment = next(m for m in mail.outbox if m.to == [VALID["contact_email"]])
    assert "/join/confirm/" in acknowledgment.body
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert f"join request {join_request.pk} was sent quickly" in logged
    for personal in (VALID["name"], VALID["contact_name"], VALID["contact_email"]):
        assert personal not in logged


@override_settings(JOIN_MIN_SECONDS=3)
def test_a_request_sent_after_the_minimum_time_is_not_flagged(send):
    response = send(form_data(started=sign_started_at(time.time() - 10)))

    assert response.status_code == 302
    assert JoinRequest.objects.get().sent_quickly is False


@pytest.mark.parametrize(
    "started",
    [
        None,
        "",
        "not-a-token",
        pytest.param("tampered", id="tampered"),
        pytest.param("other-salt", id="other-salt"),
    ],
)
def test_a_valid_request_with_a_missing_or_forged_start_time_is_stored_flagged(send, started):
    if started == "tampered":
        token = sign_started_at(time.time() - 600)
        started = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif started == "other-salt":
        started = signing.dumps(time.time() - 600)

    response = send(form_data(started=started))

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert JoinRequest.objects.get().sent_quickly is True


@override_settings(JOIN_MIN_SECONDS=3)
@pytest.mark.parametrize("started", ["fresh", None], ids=["sent-at-once", "no-start-time"])
def test_an_empty_form_sent_at_once_gets_the_field_errors_and_nothing_is_stored(send, started):
    data = {"started": sign_started_at()} if started == "fresh" else {}

    response = send(data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Thank you" not in html
    for field in ["name", "contact_name", "contact_email"]:
        assert "This field is required." in field_block(html, field)
    assert "Please choose your state, or National." in field_block(html, "state")
    assert "Please confirm that your organization agrees." in field_block(html, "consent")
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


@override_settings(JOIN_MIN_SECONDS=3)
def test_invalid_answers_sent_at_once_come_back_with_their_errors_and_everything_typed(send):
    response = send(form_data(contact_email="maria-at-example", started=sign_started_at()))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in field_block(html, "contact_email")
    assert 'value="maria-at-example"' in field_block(html, "contact_email")
    for field in ["name", "city", "website", "contact_name"]:
        assert f'value="{escape(VALID[field])}"' in field_block(html, field)
    assert not JoinRequest.objects.exists()


@override_settings(JOIN_MIN_SECONDS=3, JOIN_RATE_LIMIT=(1, 600))
def test_requests_sent_quickly_still_count_against_the_rate_limit(send):
    assert send(form_data(), REMOTE_ADDR="198.51.100.7").status_code == 302

    response = send(form_data(name="Faith Action"), REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    assert list(JoinRequest.objects.values_list("name", flat=True)) == ["Casa Latina"]


@pytest.mark.parametrize("view", ["index", "inspect", "approve"])
def test_editors_see_that_a_request_was_sent_quickly(client, join_page, view):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    quick = JoinRequestFactory(name="Casa Latina", state="WA", sent_quickly=True)
    args = [] if view == "index" else [quick.pk]

    html = client.get(admin_url(view, *args)).content.decode()

    assert "Sent within seconds of opening the form" in html


def test_editors_can_list_only_the_requests_sent_quickly(client, join_page):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    JoinRequestFactory(name="Casa Latina", state="WA", sent_quickly=True)
    JoinRequestFactory(name="Faith Action", state="WA")

    html = client.get(admin_url("index"), {"sent_quickly__exact": "1"}).content.decode()

    assert "Casa Latina" in html
    assert "Faith Action" not in html


def test_expired_form_asks_to_send_again_and_keeps_answers(send):
    assert settings.JOIN_FORM_MAX_AGE == 7200
    response = send(form_data(started=sign_started_at(time.time() - 3 * 7200)))

    assert response.status_code == 200
    html = response.content.decode()
    assert "This form was open for a long time. Please check it and send it again." in html
    assert not JoinRequest.objects.exists()
    for field in TEXT_INPUTS:
        assert f'value="{escape(VALID[field])}"' in field_block(html, field)


def test_expired_form_can_be_sent_again_as_re_rendered(send):
    stale = sign_started_at(time.time() - 3 * 7200)
    html = send(form_data(started=stale)).content.decode()

    fresh = started_token(html)
    response = send(form_data(started=fresh))

    assert fresh != stale
    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1
