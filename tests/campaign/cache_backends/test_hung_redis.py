"""A Redis that accepts connections and never answers must not take the site down."""

import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings

from campaign.settings import services
from signatories.models import JoinRequest

from ...helpers import form_data
from ...process_helpers import bench_module

# Generous: a hung Redis made each of these requests wait seconds, one per cache call.
PROMPT_SECONDS = 2

pytestmark = pytest.mark.django_db(databases=["default", "cache"])


@pytest.fixture
def hung_redis():
    with bench_module("redis_proxy").FreezableProxy() as server:
        yield server


@pytest.fixture
def production_caches(hung_redis, tmp_path, monkeypatch):
    """The production cache configuration, with REDIS_URL at the hung server and the box
    cache (the rate limits' fallback) in the test's ``cache`` database."""
    monkeypatch.setenv("REDIS_URL", hung_redis.url())
    with override_settings(CACHES=services.caches_config(tmp_path)):
        call_command("createcachetable", database="cache")
        yield
    for cache in caches.all(initialized_only=True):
        cache.close()


def timed(request):
    began = time.monotonic()
    response = request()
    return response, time.monotonic() - began


def test_pages_and_joins_answer_promptly_while_redis_hangs(site_pages, production_caches):
    client = Client()
    statement, statement_seconds = timed(lambda: client.get("/"))
    form, form_seconds = timed(lambda: client.get("/join/"))
    joined, join_seconds = timed(lambda: client.post("/join/", form_data()))

    assert statement.status_code == 200
    assert "We stand together." in statement.content.decode()
    assert form.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    assert joined.status_code == 302
    assert JoinRequest.objects.filter(name="Casa Latina").exists()
    assert max(statement_seconds, form_seconds, join_seconds) < PROMPT_SECONDS, (
        statement_seconds,
        form_seconds,
        join_seconds,
    )


@override_settings(JOIN_RATE_LIMIT=(2, 600))
def test_the_per_address_limit_still_refuses_while_redis_hangs(site_pages, production_caches):
    client = Client()
    statuses = []
    for number in range(4):
        data = form_data(name=f"Org {number}", contact_email=f"org{number}@example.org")
        statuses.append(client.post("/join/", data).status_code)
    assert statuses == [302, 302, 429, 429]
