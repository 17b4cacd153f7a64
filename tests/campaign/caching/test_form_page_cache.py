"""The blank join form is served from one stored copy, with each visitor's own tokens."""

import re
import time

import pytest
from django.test import Client

from campaign.caching import STATUS_HEADER
from campaign.caching.form_copy import placeholder
from signatories.joining.bot_traps import started_at
from signatories.models import JoinRequest

from ...helpers import JOIN_VALID as VALID
from ...helpers import form_data

JOIN_URL = "/join/"


def visit(client, path=JOIN_URL):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert placeholder("csrf") not in html
    assert placeholder("started") not in html
    return response, html


def tokens(html):
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    return csrf, started


def test_second_visitor_gets_the_stored_form_without_sql_and_their_own_tokens(
    site_pages, django_assert_num_queries
):
    first, first_html = visit(Client())
    assert first[STATUS_HEADER] == "miss"
    with django_assert_num_queries(0):
        second, second_html = visit(Client())
    assert second[STATUS_HEADER] == "hit"
    assert tokens(first_html)[0] != tokens(second_html)[0]
    assert tokens(first_html)[1] != tokens(second_html)[1]
    # Apart from the tokens it is the same page, headers included.
    assert re.sub(r'value="[^"]+"', "", first_html) == re.sub(r'value="[^"]+"', "", second_html)
    assert "no-store" in second["Cache-Control"] and "private" in second["Cache-Control"]
    assert second["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in second
    assert "csrftoken" in second.cookies


def test_each_token_works_only_with_its_own_visitors_cookie(site_pages):
    visit(Client())  # stores the copy
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice_token, alice_started = tokens(visit(alice)[1])
    bob_token, _ = tokens(visit(bob)[1])

    stolen = bob.post(JOIN_URL, {**VALID, "csrfmiddlewaretoken": alice_token})
    assert stolen.status_code == 403

    sent = alice.post(
        JOIN_URL, {**VALID, "csrfmiddlewaretoken": alice_token, "started": alice_started}
    )
    assert sent.status_code == 302 and sent["Location"] == "/join/thanks/"
    assert JoinRequest.objects.filter(name=VALID["name"]).count() == 1
    assert bob_token != alice_token


def test_the_start_time_is_signed_when_the_copy_is_served_not_when_it_was_stored(site_pages):
    visit(Client())
    before = time.time()
    response, html = visit(Client())
    assert response[STATUS_HEADER] == "hit"
    started = started_at(tokens(html)[1])
    assert before <= started <= time.time()


def test_publishing_the_join_page_replaces_the_stored_copy(site_pages, editor):
    visit(Client())
    join = site_pages["join"]
    join.title = "Sign the statement today"
    join.save_revision(user=editor).publish(user=editor)
    response, html = visit(Client())
    assert response[STATUS_HEADER] == "miss"
    assert "Sign the statement today" in html
    assert visit(Client())[0][STATUS_HEADER] == "hit"


def test_a_failed_submission_is_shown_to_its_sender_only(site_pages):
    sender = Client()
    failed = sender.post(JOIN_URL, form_data(contact_email="not-an-address"))
    assert failed.status_code == 200 and STATUS_HEADER not in failed
    _, html = visit(Client())
    assert VALID["name"] not in html
    assert "not-an-address" not in html


def test_editors_and_visitors_with_a_session_or_messages_bypass_the_copy(site_pages, editor):
    visit(Client())
    signed_in = Client()
    signed_in.force_login(editor)
    with_message = Client()
    with_message.cookies["messages"] = "x"
    for client in (signed_in, with_message):
        response, html = visit(client)
        assert STATUS_HEADER not in response
        assert tokens(html)[0]
    assert visit(Client())[0][STATUS_HEADER] == "hit"


def test_the_copy_can_be_turned_off_with_the_page_cache(site_pages, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        response, html = visit(Client())
        assert STATUS_HEADER not in response
        assert tokens(html)[0] and tokens(html)[1]


@pytest.mark.django_db
def test_each_language_and_each_form_has_its_own_copy(seeded_site):
    for path, words in [
        ("/join/", "Organization name"),
        ("/es/join/", "Nombre de la organización"),
        ("/join/change/", "Remove or correct"),
    ]:
        visit(Client(), path)
        response, html = visit(Client(), path)
        assert response[STATUS_HEADER] == "hit", path
        assert words in html, path
