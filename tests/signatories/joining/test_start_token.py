"""The signed start time of the public forms: one per render, spent by the request it sends."""

import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django.utils.html import escape

from signatories.joining.bot_traps import sign_started_at, started_at
from signatories.models import JoinRequest

from ...factories import SignatoryFactory
from ...helpers import CHANGE_VALID, JOIN_VALID

REUSED = "We have already received a request sent with this form."


def started_token(html):
    match = re.search(r'<input type="hidden" name="started" value="([^"]+)"', html)
    assert match, "the form has no started token"
    return match.group(1)


@pytest.fixture
def send(client, site_pages, django_capture_on_commit_callbacks):
    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def test_every_render_of_the_stored_blank_form_has_its_own_token(client, site_pages):
    first = client.get("/join/")
    second = client.get("/join/")

    # The second visitor gets the stored copy, filled in for them.
    assert second["X-Page-Cache"] == "hit"
    assert started_token(first.content.decode()) != started_token(second.content.decode())


def test_a_token_sends_one_request_and_a_second_use_asks_again_losing_nothing(
    client, send, site_pages
):
    token = started_token(client.get("/join/").content.decode())
    assert send("/join/", {**JOIN_VALID, "started": token}).status_code == 302

    other = {**JOIN_VALID, "name": "Faith Action Network", "started": token}
    response = send("/join/", other)

    assert response.status_code == 200
    html = response.content.decode()
    assert REUSED in html
    assert list(JoinRequest.objects.values_list("name", flat=True)) == ["Casa Latina"]
    assert 'value="Faith Action Network"' in html
    assert f'value="{escape(JOIN_VALID["contact_email"])}"' in html
    fresh = started_token(html)
    assert fresh != token
    # The re-rendered form keeps the time the person opened it, so they are not flagged.
    assert started_at(fresh) == pytest.approx(started_at(token))
    assert send("/join/", {**other, "started": fresh}).status_code == 302
    assert JoinRequest.objects.filter(name="Faith Action Network").count() == 1


def test_a_bot_replaying_one_token_stores_one_request(client, send, site_pages):
    token = started_token(client.get("/join/").content.decode())

    statuses = [
        send("/join/", {**JOIN_VALID, "name": f"Replayed Org {n}", "started": token}).status_code
        for n in range(4)
    ]

    assert statuses == [302, 200, 200, 200]
    assert JoinRequest.objects.count() == 1
    assert len([m for m in mail.outbox if m.to == [JOIN_VALID["contact_email"]]]) == 1


def test_the_change_form_token_is_single_use_too(client, send, site_pages):
    SignatoryFactory(name="Casa Latina", state="WA")
    SignatoryFactory(name="Faith Action Network", state="WA")
    token = started_token(client.get("/join/change/").content.decode())
    assert send("/join/change/", {**CHANGE_VALID, "started": token}).status_code == 302

    response = send(
        "/join/change/", {**CHANGE_VALID, "name": "Faith Action Network", "started": token}
    )

    assert response.status_code == 200
    assert REUSED in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_a_form_that_was_refused_can_be_sent_again_once_corrected(client, send, site_pages):
    SignatoryFactory(name="Casa Latina", state="WA")
    token = started_token(client.get("/join/").content.decode())
    refused = send("/join/", {**JOIN_VALID, "started": token})
    assert "has already signed" in refused.content.decode()

    fresh = started_token(refused.content.decode())
    corrected = {**JOIN_VALID, "name": "Casa Latina Youth", "started": fresh}

    assert send("/join/", corrected).status_code == 302
    assert JoinRequest.objects.get().name == "Casa Latina Youth"


def test_tokens_live_two_hours_at_most(send, site_pages):
    assert settings.JOIN_FORM_MAX_AGE <= 2 * 60 * 60
    three_hours_ago = sign_started_at(time.time() - 3 * 60 * 60)

    response = send("/join/", {**JOIN_VALID, "started": three_hours_ago})

    assert response.status_code == 200
    assert "This form was open for a long time" in response.content.decode()
    assert not JoinRequest.objects.exists()
