"""The public join form at /join/: every way a submission can go, checked in the database."""

import re
import time

import pytest
from django.conf import settings
from django.core import mail, signing
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape

from signatories.choices import Level
from signatories.joining.bot_traps import sign_started_at, started_at
from signatories.models import JoinRequest

from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ...helpers import JOIN_VALID as VALID
from ...helpers import form_data

JOIN_URL = "/join/"
THANKS_URL = "/join/thanks/"

TEXT_INPUTS = ["name", "city", "website", "contact_name", "contact_email"]


def field_block(html, name):
    """The markup of the form field wrapper holding the input named ``name``."""
    for chunk in html.split('<div class="field')[1:]:
        if f'name="{name}"' in chunk:
            return chunk
    raise AssertionError(f"no field {name!r} in the page")


def started_token(html):
    match = re.search(r'<input type="hidden" name="started" value="([^"]+)"', html)
    assert match, "the form has no started token"
    return match.group(1)


@pytest.fixture
def join_page(site_pages):
    return site_pages["join"]


@pytest.fixture
def send(client, join_page, django_capture_on_commit_callbacks):
    """POST to the join form, running on-commit callbacks (the emails) as a commit would."""

    def post(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(JOIN_URL, data, **extra)

    return post


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


def test_state_select_starts_with_national_then_states(client, join_page):
    html = client.get(JOIN_URL).content.decode()

    select = re.search(r'<select name="state"[^>]*>(.*?)</select>', html, re.S).group(1)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    assert options[0] == ("national", "National")
    assert options[1] == ("AL", "Alabama")
    assert ("WA", "Washington") in options


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


# Duplicates


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


# Bot traps


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
    for field in ["name", "state", "contact_name", "contact_email"]:
        assert "This field is required." in field_block(html, field)
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


# Rate limit


@override_settings(JOIN_RATE_LIMIT=(2, 600))
def test_third_submission_from_one_address_is_refused(send):
    for name in ["Casa Latina", "Faith Action"]:
        assert send(form_data(name=name), REMOTE_ADDR="198.51.100.7").status_code == 302

    response = send(form_data(name="Neighbors United"), REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    assert "We have received several requests from your network" in response.content.decode()
    assert sorted(JoinRequest.objects.values_list("name", flat=True)) == [
        "Casa Latina",
        "Faith Action",
    ]


@override_settings(JOIN_RATE_LIMIT=(2, 600))
def test_rate_limit_is_kept_per_address(send):
    for name in ["Casa Latina", "Faith Action", "Neighbors United"]:
        send(form_data(name=name), REMOTE_ADDR="198.51.100.7")

    response = send(form_data(name="Neighbors United"), REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 302
    assert JoinRequest.objects.filter(name="Neighbors United").count() == 1


@override_settings(JOIN_RATE_LIMIT=(2, 600), TRUSTED_PROXY_COUNT=1)
def test_spoofed_forwarded_for_entry_does_not_reset_the_limit(send):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for index, name in enumerate(["Casa Latina", "Faith Action"]):
        response = send(
            form_data(name=name), HTTP_X_FORWARDED_FOR=f"192.0.2.{index}, 198.51.100.7", **proxy
        )
        assert response.status_code == 302

    response = send(
        form_data(name="Neighbors United"),
        HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7",
        **proxy,
    )

    assert response.status_code == 429
    assert not JoinRequest.objects.filter(name="Neighbors United").exists()


@override_settings(JOIN_RATE_LIMIT=(2, 600), TRUSTED_PROXY_COUNT=1)
def test_clients_behind_the_proxy_are_limited_separately(send):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for name in ["Casa Latina", "Faith Action"]:
        send(form_data(name=name), HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)

    response = send(form_data(name="Neighbors United"), HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)

    assert response.status_code == 302
    assert JoinRequest.objects.filter(name="Neighbors United").exists()


@override_settings(JOIN_RATE_LIMIT=(2, 600), TRUSTED_PROXY_COUNT=0)
def test_forwarded_for_is_ignored_without_a_trusted_proxy(send):
    for index, name in enumerate(["Casa Latina", "Faith Action"]):
        send(form_data(name=name), HTTP_X_FORWARDED_FOR=f"192.0.2.{index}")

    response = send(form_data(name="Neighbors United"), HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert response.status_code == 429
    assert JoinRequest.objects.count() == 2


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
