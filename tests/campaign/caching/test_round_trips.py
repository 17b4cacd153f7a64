"""Cache round trips per request: each is a network round trip to Redis in production, so the
common requests make as few as they can. Counted on a memory cache that records operations."""

import pytest
from django.test import Client, override_settings

from ...helpers import form_data
from . import counting_cache

COUNTING = {
    alias: {"BACKEND": "tests.campaign.caching.counting_cache.CountingCache", "LOCATION": alias}
    for alias in ("default", "pages")
}


@pytest.fixture
def counted():
    with override_settings(CACHES=COUNTING):
        counting_cache.calls.clear()
        yield counting_cache.calls


def round_trips(calls, request):
    calls.clear()
    response = request()
    return response, list(calls)


@pytest.mark.parametrize("path", ["/", "/join/"])
def test_a_stored_page_or_blank_form_costs_one_round_trip(site_pages, counted, path):
    client = Client()
    client.get(path)
    response, trips = round_trips(counted, lambda: client.get(path))
    assert response.status_code == 200
    # The generation; the page or the form's copy is kept in the process.
    assert trips == [("pages", "get")]


def test_a_stored_statement_page_new_to_a_process_costs_two(site_pages, counted):
    Client().get("/")
    response, trips = round_trips(counted, lambda: Client().get("/"))
    assert response.status_code == 200
    assert trips == [("pages", "get"), ("pages", "get")]


def test_a_join_costs_five_round_trips(site_pages, counted, settings):
    # Someone else has joined in this window already, as during any busy minute; a window
    # longer than any pause between the two joins on a loaded machine.
    settings.EMAIL_SWEEP_SECONDS = 600
    earlier = form_data(name="Earlier Org", contact_email="earlier@example.org")
    Client(REMOTE_ADDR="198.51.100.1").post("/join/", earlier)
    client = Client()
    client.get("/join/")
    response, trips = round_trips(counted, lambda: client.post("/join/", form_data()))
    assert response.status_code == 302
    # The generation (for the remembered route), Wagtail's site root paths, one count for
    # each of the two rate limits (this address's first, and the global one), and the start
    # token spent. Whether any page is private was read by the join before, in this process.
    assert trips == [
        ("pages", "get"),
        ("default", "get"),
        ("default", "add"),
        ("default", "incr"),
        ("default", "add"),
    ]
