"""A Redis that accepts connections and never answers must not take the site down."""

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from campaign.cache_backends.box import create_cache_table
from campaign.settings import services
from signatories.models import JoinRequest

from ...helpers import form_data
from ...process_helpers import bench_module

pytestmark = pytest.mark.django_db(databases=["default", "cache"])


@pytest.fixture
def hung_redis():
    with bench_module("tcp_proxy").FreezableProxy() as server:
        yield server


@pytest.fixture
def production_caches(hung_redis, tmp_path, monkeypatch):
    """The production cache configuration, with REDIS_URL at the hung server and the box
    cache (the rate limits' fallback) in the test's ``cache`` database."""
    monkeypatch.setenv("REDIS_URL", hung_redis.url())
    with override_settings(CACHES=services.caches_config(tmp_path)):
        create_cache_table()
        yield
    for cache in caches.all(initialized_only=True):
        cache.close()


def test_pages_and_joins_answer_while_redis_hangs_and_wait_for_it_once(
    site_pages, production_caches, hung_redis
):
    client = Client()
    statement = client.get("/")
    form = client.get("/join/")
    joined = client.post("/join/", form_data())

    assert statement.status_code == 200
    assert "We stand together." in statement.content.decode()
    assert form.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    assert joined.status_code == 302
    assert JoinRequest.objects.filter(name="Casa Latina").exists()
    # Each cache call used to open a connection and wait out its timeout (seconds a page);
    # after the first timeout the breaker leaves Redis alone, so the three requests waited on
    # one connection per cache (the default and the pages cache), not one per call.
    assert 1 <= hung_redis.accepted <= 2


@override_settings(JOIN_RATE_LIMIT=(2, 600))
def test_the_per_address_limit_still_refuses_while_redis_hangs(site_pages, production_caches):
    client = Client()
    statuses = []
    for number in range(4):
        data = form_data(name=f"Org {number}", contact_email=f"org{number}@example.org")
        statuses.append(client.post("/join/", data).status_code)
    assert statuses == [302, 302, 429, 429]
