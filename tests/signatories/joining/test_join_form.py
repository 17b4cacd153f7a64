"""The public join form at /join/: what it shows, what a valid submission stores and sends,
and how invalid, forged (no CSRF token) or hostile answers come back, checked in the database."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from signatories.choices import Level
from signatories.joining.bot_traps import started_at
from signatories.models import JoinRequest

from ...factories import SignatoryFactory
from ...helpers import JOIN_VALID as VALID
from ...helpers import form_data
from .join_form_page import JOIN_URL, TEXT_INPUTS, THANKS_URL, field_block, started_token

# GET


def test_form_shows_labelled_fields(client, join_page):
    html = client.get(JOIN_URL).content.decode()

    for field, label in [
        ("name", "Organization name"),
        ("state", "State"),
        ("city", "City"),
        ("website", "Website"),
        ("contact_name", "Contact name"),
        ("contact_email", "Contact email"),
    ]:
        assert f'<label for="id_{field}">{label}</label>' in html
        assert f'id="id_{field}"' in html
    assert '<input type="checkbox" name="consent"' in html
    assert f'<label for="id_consent">{escape(join_page.consent_label)}</label>' in html


def state_select(html):
    return re.search(r'<select name="state"[^>]*>(.*?)</select>', html, re.S).group(1)


def test_state_select_asks_to_choose_then_offers_national_then_states(client, join_page):
    select = state_select(client.get(JOIN_URL).content.decode())

    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    assert options[0] == ("", "Choose…")
    assert options[1] == ("national", "National")
    assert options[2] == ("AL", "Alabama")
    assert ("WA", "Washington") in options
    # Nothing is chosen for the visitor but the prompt: a state group that does not notice the
    # field is asked, never filed under National.
    assert re.findall(r'<option value="([^"]*)" selected>', select) == [""]


def test_a_request_without_a_state_is_refused_and_nothing_stored(send):
    for missing in ["", None]:
        response = send(form_data(state=missing))

        assert response.status_code == 200
        block = field_block(response.content.decode(), "state")
        assert "Please choose your state, or National." in block
        assert 'aria-invalid="true"' in block
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_form_shows_and_links_the_statement_being_signed(client, join_page):
    statement = join_page.get_parent()

    html = client.get(JOIN_URL).content.decode()

    above_form = html.split("<form", 1)[0]
    assert f'You are signing: <a href="/">{escape(statement.title)}</a>' in above_form


def test_form_carries_csrf_and_started_tokens(client, join_page):
    html = client.get(JOIN_URL).content.decode()

    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', html)
    token = started_token(html)
    assert isinstance(started_at(token), float)


def test_form_page_is_never_cached_publicly(client, join_page):
    response = client.get(JOIN_URL)

    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


# A valid submission


def test_valid_submission_redirects_to_thanks(send):
    response = send(form_data())

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL


def test_thanks_page_shows_the_thank_you_title(client, join_page):
    response = client.get(THANKS_URL)

    assert response.status_code == 200
    assert join_page.thank_you_title in response.content.decode()


def test_valid_submission_stores_one_pending_request(send):
    send(form_data())

    join_request = JoinRequest.objects.get()
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.name == "Casa Latina"
    assert join_request.level == Level.STATE
    assert join_request.state == "WA"
    assert join_request.city == "Seattle"
    assert join_request.website == "https://casa-latina.example.org"
    assert join_request.contact_name == "Maria Example"
    assert join_request.contact_email == "maria@example.org"
    assert join_request.consented_at is not None
    assert join_request.decided_at is None
    assert join_request.signatory is None


def test_national_choice_stores_national_level_without_state(send):
    send(form_data(state="national"))

    join_request = JoinRequest.objects.get()
    assert join_request.level == Level.NATIONAL
    assert join_request.state == ""
    assert join_request.group_label == "National"


def test_extra_spaces_in_the_name_are_collapsed(send):
    send(form_data(name="  Casa    Latina  "))

    assert JoinRequest.objects.get().name == "Casa Latina"


def test_valid_submission_acknowledges_to_the_contact(send):
    send(form_data())

    acknowledgments = [m for m in mail.outbox if m.to == ["maria@example.org"]]
    assert len(acknowledgments) == 1
    assert acknowledgments[0].subject == "We received your request to sign the statement"
    assert "Casa Latina (Washington)" in acknowledgments[0].body
    # The contact's name is a stranger's words: the acknowledgment does not repeat it.
    assert "Maria Example" not in acknowledgments[0].body


def test_valid_submission_notifies_editors_with_a_review_link(send):
    send(form_data())

    join_request = JoinRequest.objects.get()
    notifications = [m for m in mail.outbox if m.to == ["editors@example.org"]]
    assert settings.JOIN_NOTIFY_EMAILS == ["editors@example.org"]
    assert len(notifications) == 1
    review_url = "http://testserver" + reverse(
        "signatories_joinrequest_modeladmin_inspect", args=[join_request.pk]
    )
    assert review_url in notifications[0].body
    assert "Casa Latina (Washington)" in notifications[0].body
    # Contact details stay in the admin.
    assert "maria@example.org" not in notifications[0].body
    assert len(mail.outbox) == 2


def test_email_subjects_are_plain_text(send):
    send(form_data(name="Faith & Justice Alliance"))

    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["1 new request to review", "We received your request to sign the statement"]
    assert all("Faith & Justice Alliance (Washington)" in m.body for m in mail.outbox)


# Invalid fields

INVALID_CASES = [
    pytest.param("name", "", "This field is required.", id="missing-name"),
    pytest.param(
        "name",
        "A" * 201,
        "Ensure this value has at most 200 characters (it has 201).",
        id="name-too-long",
    ),
    pytest.param(
        "name", "!!!", "Enter a name with at least one letter or digit.", id="name-no-letters"
    ),
    pytest.param(
        "state",
        "ZZ",
        "Select a valid choice. ZZ is not one of the available choices.",
        id="unknown-state",
    ),
    pytest.param("website", "javascript:alert(1)", "Enter a valid URL.", id="website-javascript"),
    pytest.param("website", "ftp://x.org", "Enter a valid URL.", id="website-ftp"),
    pytest.param("contact_email", "maria-at-example", "Enter a valid email address.", id="email"),
    pytest.param("contact_name", "", "This field is required.", id="missing-contact-name"),
    pytest.param("consent", None, "Please confirm that your organization agrees.", id="consent"),
    pytest.param(
        "city",
        "S" * 101,
        "Ensure this value has at most 100 characters (it has 101).",
        id="city-too-long",
    ),
]


@pytest.mark.parametrize(("field", "value", "message"), INVALID_CASES)
def test_invalid_field_is_reported_beside_it_and_nothing_stored(send, field, value, message):
    response = send(form_data(**{field: value}))

    assert response.status_code == 200
    block = field_block(response.content.decode(), field)
    assert "field--error" in block.split(">", 1)[0]
    assert escape(message) in block
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(("field", "value", "message"), INVALID_CASES)
def test_invalid_submission_keeps_the_other_answers(send, field, value, message):
    html = send(form_data(**{field: value})).content.decode()

    for other in TEXT_INPUTS:
        if other != field:
            assert f'value="{escape(VALID[other])}"' in field_block(html, other)
    if field != "state":
        assert '<option value="WA" selected>' in field_block(html, "state")
    if field != "consent":
        assert "checked" in field_block(html, "consent")


# CSRF


def test_post_without_csrf_token_is_forbidden(join_page):
    csrf_client = Client(enforce_csrf_checks=True)

    response = csrf_client.post(JOIN_URL, form_data())

    assert response.status_code == 403
    assert not JoinRequest.objects.exists()


def test_post_with_the_forms_csrf_token_is_accepted(join_page):
    csrf_client = Client(enforce_csrf_checks=True)
    html = csrf_client.get(JOIN_URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = csrf_client.post(
        JOIN_URL, {**form_data(started=started_token(html)), "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1


# Escaping what people typed

SCRIPT_NAME = "<script>alert(1)</script> Org"


def test_typed_markup_is_escaped_when_the_form_is_shown_again(send):
    html = send(form_data(name=SCRIPT_NAME, contact_email="bad")).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt; Org"' in html


def test_typed_markup_is_escaped_in_a_form_error(send):
    SignatoryFactory(name=SCRIPT_NAME, state="WA")

    html = send(form_data(name=SCRIPT_NAME)).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; Org has already signed" in html
    assert "<script>alert(1)</script>" not in html
