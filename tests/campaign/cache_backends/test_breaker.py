"""The circuit breaker: after a failure each process leaves Redis alone for a while, logs it
once, and goes back to Redis once it answers again."""

import logging
import os
import time

import pytest

from campaign.cache_backends.breaker import BreakerRedisCache

from ...process_helpers import bench_module

REDIS_URL = os.environ.get("REDIS_URL", "")
TIMEOUTS = {"SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1}


def breaker_cache(url, seconds, timeouts=TIMEOUTS):
    return BreakerRedisCache(
        url, {"KEY_PREFIX": "breaker-test", "OPTIONS": {**timeouts, "BREAKER_SECONDS": seconds}}
    )


@pytest.fixture
def proxy_module():
    return bench_module("tcp_proxy")


def test_after_one_failure_redis_is_not_called_again_for_a_while(proxy_module, caplog):
    with proxy_module.FreezableProxy() as hung, caplog.at_level(logging.WARNING):
        cache = breaker_cache(hung.url(), seconds=60)
        assert cache.get("statement", "missed") == "missed"
        tried = hung.accepted
        assert tried >= 1
        # Every kind of call now answers at once as a miss, without a connection.
        assert cache.get("statement") is None
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("sweep", True) is None
        assert cache.incr("count") is None
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.set("a", 1) is None
        assert hung.accepted == tried
    warnings = [r for r in caplog.records if "did not answer" in r.getMessage()]
    assert len(warnings) == 1
    assert "TimeoutError" in warnings[0].getMessage()


def test_after_the_pause_one_call_tries_again(proxy_module, caplog):
    with proxy_module.FreezableProxy() as hung, caplog.at_level(logging.WARNING):
        cache = breaker_cache(hung.url(), seconds=0.3)
        cache.get("statement")
        tried = hung.accepted
        time.sleep(0.4)
        cache.get("statement")
        assert hung.accepted > tried
    # Still failing: no second warning for the same outage.
    assert sum("did not answer" in r.getMessage() for r in caplog.records) == 1


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: no Redis to answer again")
def test_the_breaker_closes_when_redis_answers_again(proxy_module, caplog):
    address = REDIS_URL.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    upstream = (address[0], int(address[1]) if len(address) > 1 else 6379)
    database = REDIS_URL.rsplit("/", 1)[1] if REDIS_URL.count("/") > 2 else "0"
    with proxy_module.FreezableProxy(upstream) as proxy, caplog.at_level(logging.WARNING):
        # Timeouts a busy machine's Redis always meets: only the frozen proxy fails them.
        generous = {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
        cache = breaker_cache(proxy.url(database), seconds=0.5, timeouts=generous)
        try:
            assert cache.set("statement", "cached") is True
            proxy.freeze()
            assert cache.get("statement") is None  # hangs: the breaker opens
            proxy.thaw()
            # Open: Redis answers, but this process leaves it alone for the pause.
            assert cache.get("statement") is None
            time.sleep(0.6)
            assert cache.get("statement") == "cached"
            assert cache.get("statement") == "cached"
        finally:
            cache.delete("statement")
            cache.close()
    messages = [record.getMessage() for record in caplog.records]
    assert sum("did not answer" in message for message in messages) == 1
    assert sum("answers again" in message for message in messages) == 1
