"""Rate limits live in the shared cache: they hold across processes, and survive its failure."""

import logging
import os
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings
from django_redis.cache import RedisCache

from campaign.rate_limits import hit
from signatories.models import JoinRequest

from ...helpers import form_data

REDIS_URL = os.environ.get("REDIS_URL", "")


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: no Redis server to share")
def test_two_app_servers_share_one_limit():
    # Two cache clients stand for two app server processes with their own connections.
    first = RedisCache(REDIS_URL, {"KEY_PREFIX": "campaign-test"})
    second = RedisCache(REDIS_URL, {"KEY_PREFIX": "campaign-test"})
    assert first is not second
    first.delete("ratelimit:join:203.0.113.5")
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "campaign-test",
            }
        }
    ):
        assert hit("join", "203.0.113.5", (2, 60))
        assert hit("join", "203.0.113.5", (2, 60))
        assert not hit("join", "203.0.113.5", (2, 60))
    assert int(second.get("ratelimit:join:203.0.113.5")) == 3
    first.delete("ratelimit:join:203.0.113.5")


def test_join_form_works_when_the_cache_server_is_down(client, site_pages, caplog):
    dead = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
    }
    # The rate limits, the stored pages and the remembered routes all live on the dead server.
    with (
        override_settings(CACHES={"default": dead, "pages": dead}),
        caplog.at_level(logging.WARNING),
    ):
        caches["default"].close()
        form_page = client.get("/join/")
        response = client.post("/join/", form_data())
    assert form_page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in form_page.content.decode()
    assert response.status_code == 302
    assert JoinRequest.objects.filter(name="Casa Latina").exists()
    assert "rate limit cache unavailable" in caplog.text
