"""Rotating the secret key: nothing stored or sent before the rotation stops working after it.

A rotation is: the new key in DJANGO_SECRET_KEY, the old one in DJANGO_SECRET_KEY_FALLBACKS,
a restart (docs/deploy.md). Here a "process" is a test client (each has its own middleware,
so its own in-memory pages) running with whatever key the settings hold at the time.
"""

import re
import time

import pytest
from django.core import mail
from django.middleware.csrf import CSRF_TOKEN_LENGTH
from django.test import Client

from campaign.caching import STATUS_HEADER
from signatories.joining.bot_traps import sign_started_at
from signatories.models import JoinRequest

from ...helpers import JOIN_VALID as VALID
from ...helpers import form_data

OLD_KEY = "old-key-" + "o" * 50
NEW_KEY = "new-key-" + "n" * 50
JOIN_URL = "/join/"


@pytest.fixture
def shared_page_cache(settings, tmp_path):
    """Stored pages in files that outlive a process, as on one box without Redis."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "pages"),
        },
    }


def rotate(settings):
    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]


def tokens(html):
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    return csrf, started


def join_through_the_form(visitor, name):
    """GET the form as a browser does, and POST it with the tokens the page carried."""
    response = visitor.get(JOIN_URL)
    csrf, started = tokens(response.content.decode())
    # A real CSRF token, not a stored copy's placeholder left in place.
    assert len(csrf) == CSRF_TOKEN_LENGTH and csrf.isalnum()
    sent = visitor.post(
        JOIN_URL, {**VALID, "name": name, "csrfmiddlewaretoken": csrf, "started": started}
    )
    return response, sent


# The stored blank form


def test_after_a_rotation_the_form_is_rendered_afresh_and_a_join_through_it_succeeds(
    site_pages, settings, shared_page_cache
):
    settings.SECRET_KEY = OLD_KEY
    assert Client().get(JOIN_URL)[STATUS_HEADER] == "miss"
    assert Client().get(JOIN_URL)[STATUS_HEADER] == "hit"  # stored, for every process

    rotate(settings)
    response, sent = join_through_the_form(Client(enforce_csrf_checks=True), "Casa Latina")

    # The old key's copy is never read: its placeholders would be served as they are.
    assert response[STATUS_HEADER] == "miss"
    assert sent.status_code == 302
    assert sent["Location"] == "/join/thanks/"
    assert JoinRequest.objects.filter(name="Casa Latina").count() == 1


def test_processes_running_with_different_keys_each_serve_their_own_copy(
    site_pages, settings, shared_page_cache
):
    # A rolling restart: for a while, processes with the old and the new key share the cache.
    for key in (OLD_KEY, NEW_KEY):
        settings.SECRET_KEY = key
        assert Client().get(JOIN_URL)[STATUS_HEADER] == "miss"

    for key, name in [(OLD_KEY, "Casa Latina"), (NEW_KEY, "Faith Action")]:
        settings.SECRET_KEY = key
        response, sent = join_through_the_form(Client(enforce_csrf_checks=True), name)
        assert response[STATUS_HEADER] == "hit"
        assert sent.status_code == 302, key
    assert JoinRequest.objects.count() == 2


# Signed values made before the rotation


@pytest.fixture
def emailed_link(client, site_pages, settings, django_capture_on_commit_callbacks):
    """The confirmation link of a join sent while the old key was the site's key."""
    settings.SECRET_KEY = OLD_KEY
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(JOIN_URL, form_data()).status_code == 302
    acknowledgment = next(m for m in mail.outbox if m.to == [VALID["contact_email"]])
    return re.search(r"/join/confirm/\S+/", acknowledgment.body).group(0)


def test_a_confirmation_link_emailed_before_a_rotation_still_confirms(
    client, settings, emailed_link
):
    rotate(settings)

    response = client.post(emailed_link)

    assert "your request is confirmed" in response.content.decode()
    assert JoinRequest.objects.get().is_confirmed


def test_a_confirmation_link_signed_with_a_key_no_longer_listed_confirms_nothing(
    client, settings, emailed_link
):
    # Once the old key is dropped (after JOIN_CONFIRM_MAX_AGE), its links are refused.
    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = []

    response = client.post(emailed_link)

    assert "This confirmation link is not valid." in response.content.decode()
    assert not JoinRequest.objects.get().is_confirmed


def test_a_form_opened_before_a_rotation_keeps_its_start_time_after_it(
    client, site_pages, settings
):
    settings.JOIN_MIN_SECONDS = 3
    settings.SECRET_KEY = OLD_KEY
    started = sign_started_at(time.time() - 60)
    rotate(settings)

    response = client.post(JOIN_URL, form_data(started=started))

    assert response.status_code == 302
    # Read as a minute old, not as a missing start time that editors would be asked to check.
    assert JoinRequest.objects.get().sent_quickly is False
