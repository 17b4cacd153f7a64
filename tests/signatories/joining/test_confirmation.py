"""Double opt-in: a request counts as confirmed only after its contact POSTs the emailed link."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from signatories.joining import confirmation
from signatories.models import JoinRequest, Signatory

from ...admin_helpers import join_request_url as queue_url
from ...factories import JoinRequestFactory, UserFactory
from ...helpers import confirm_link, form_data


@pytest.fixture
def submitted(client, site_pages, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/join/", form_data()).status_code == 302
    join_request = JoinRequest.objects.get()
    acknowledgment = next(m for m in mail.outbox if m.to == [join_request.contact_email])
    return join_request, confirm_link(acknowledgment)


def test_acknowledgment_links_to_a_confirmation_page(submitted):
    join_request, link = submitted
    assert link.startswith("/join/confirm/")
    assert not join_request.is_confirmed


def test_get_only_shows_a_button_and_confirms_nothing(client, submitted):
    join_request, link = submitted
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Yes, confirm" in html and 'method="post"' in html
    assert "no-store" in response["Cache-Control"]
    join_request.refresh_from_db()
    assert join_request.confirmed_at is None


def test_post_confirms_once(client, submitted):
    join_request, link = submitted
    response = client.post(link)
    assert "your request is confirmed" in response.content.decode()
    join_request.refresh_from_db()
    first = join_request.confirmed_at
    assert first is not None

    again = client.post(link)
    assert "already confirmed" in again.content.decode()
    join_request.refresh_from_db()
    assert join_request.confirmed_at == first


def test_confirm_page_lets_the_browser_send_its_origin_with_the_button(client, submitted):
    # Under "no-referrer" Chromium posts the button's form with "Origin: null", and Django's
    # CSRF check refuses every confirmation (the test client sends no Origin to show it).
    _join_request, link = submitted
    policy = client.get(link)["Referrer-Policy"]
    assert policy in {"same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def press_confirm(link, origin):
    """Open the link and press the button as a browser does: CSRF checked, with an Origin."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(link).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return browser.post(link, {"csrfmiddlewaretoken": token}, HTTP_ORIGIN=origin)


def test_confirm_post_with_a_browsers_origin_and_token_passes_csrf(submitted):
    join_request, link = submitted
    response = press_confirm(link, "http://testserver")
    assert response.status_code == 200
    assert "your request is confirmed" in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.is_confirmed


def test_confirm_post_from_an_opaque_origin_is_refused(submitted):
    # What the browser sent while the page said "no-referrer": refused, and nothing confirmed.
    join_request, link = submitted
    response = press_confirm(link, "null")
    assert response.status_code == 403
    join_request.refresh_from_db()
    assert not join_request.is_confirmed


@override_settings(JOIN_CONFIRM_MAX_AGE=-1)
def test_expired_link_confirms_nothing(client, submitted):
    join_request, link = submitted
    response = client.post(link)
    assert "expired" in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.confirmed_at is None


@pytest.mark.parametrize(
    "tamper", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: "nonsense"]
)
def test_tampered_link_confirms_nothing(client, submitted, tamper):
    join_request, link = submitted
    token = link.removeprefix("/join/confirm/").rstrip("/")
    response = client.post(f"/join/confirm/{tamper(token)}/")
    assert "not valid" in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.confirmed_at is None


def test_link_stops_working_when_the_contact_address_changes(client, submitted):
    join_request, link = submitted
    JoinRequest.objects.filter(pk=join_request.pk).update(contact_email="other@example.org")
    response = client.post(link)
    assert "not valid" in response.content.decode()
    assert JoinRequest.objects.get(pk=join_request.pk).confirmed_at is None


def test_decided_request_cannot_be_confirmed(client, submitted):
    join_request, link = submitted
    JoinRequest.objects.filter(pk=join_request.pk).update(status=JoinRequest.Status.REJECTED)
    response = client.post(link)
    assert "already been decided" in response.content.decode()


def test_token_for_another_request_cannot_be_forged(db):
    first = JoinRequestFactory(unconfirmed=True)
    second = JoinRequestFactory(unconfirmed=True)
    token = confirmation.make_token(first)
    assert confirmation.request_for_token(token) == first
    assert confirmation.request_for_token(confirmation.make_token(second)) == second
    with pytest.raises(confirmation.ConfirmationError):
        confirmation.request_for_token(token.replace(str(first.pk), str(second.pk), 1) + "x")


def test_queue_filters_by_confirmation(admin_client, db):
    JoinRequestFactory(name="Confirmed Org")
    JoinRequestFactory(name="Silent Org", unconfirmed=True)
    confirmed = admin_client.get(queue_url("index") + "?confirmed=yes").content.decode()
    unconfirmed = admin_client.get(queue_url("index") + "?confirmed=no").content.decode()
    assert "Confirmed Org" in confirmed and "Silent Org" not in confirmed
    assert "Silent Org" in unconfirmed and "Confirmed Org" not in unconfirmed


def test_approving_unconfirmed_needs_an_explicit_override(client, site_pages):
    editor = UserFactory(groups=["Signatory editors"])
    client.force_login(editor)
    join_request = JoinRequestFactory(name="Silent Org", unconfirmed=True)

    page = client.get(queue_url("approve", join_request.pk)).content.decode()
    assert "has not confirmed" in page and 'name="override_unconfirmed"' in page

    refused = client.post(queue_url("approve", join_request.pk))
    assert refused.status_code == 200
    assert "has not confirmed" in refused.content.decode()
    join_request.refresh_from_db()
    assert join_request.is_pending
    assert not Signatory.objects.exists()

    client.post(queue_url("approve", join_request.pk), {"override_unconfirmed": "on"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert Signatory.objects.get().live


def test_approval_records_the_statement_revision_signed(admin_client, site_pages):
    statement = site_pages["statement"]
    revision = statement.save_revision()
    revision.publish()
    join_request = JoinRequestFactory()
    admin_client.post(queue_url("approve", join_request.pk))
    signatory = Signatory.objects.get()
    assert signatory.signed_revision == revision
