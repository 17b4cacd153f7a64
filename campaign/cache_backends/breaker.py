"""Redis behind a circuit breaker: after a failure, each process leaves Redis alone for a while.

A Redis that stops answering (hung, not refusing) makes every cache call wait for its socket
timeout. So the first failure opens the breaker: for ``BREAKER_SECONDS`` every call in this
process answers at once as a cache miss would (``get`` its default, ``get_many`` nothing,
writes and counters None, as django-redis does with IGNORE_EXCEPTIONS), and one warning is
logged. Then one call tries Redis again: an answer closes the breaker (and says so), a
failure opens it for another period. Callers that must tell "no answer" from "no value"
(the rate limits, the email sweep) look for None from ``add`` and ``incr``.

Each command is tried once (no retries with backoff): the breaker decides when to try again.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

FAILURES = (ConnectionInterrupted, RedisError, OSError)
DEFAULT_BREAKER_SECONDS = 10


class Breaker:
    """Whether to call a server now; one per server and process, shared by its threads."""

    def __init__(self, server, seconds):
        self.server = server
        self.seconds = seconds
        self.lock = threading.Lock()
        self.open_until = 0.0  # monotonic; 0 while closed
        self.failing = False

    def allows(self):
        """True while closed; once a pause is over, True for one caller, who tries again."""
        if not self.failing:
            return True
        with self.lock:
            now = time.monotonic()
            if now < self.open_until:
                return False
            # This caller probes; the others keep skipping until it has an answer.
            self.open_until = now + self.seconds
            return True

    def failed(self, error):
        with self.lock:
            first = not self.failing
            self.failing = True
            self.open_until = time.monotonic() + self.seconds
        if first:
            logger.warning(
                "Redis at %s did not answer (%s: %s): this process leaves it alone for %s s "
                "at a time until it is back",
                self.server,
                type(error).__name__,
                error,
                self.seconds,
            )

    def succeeded(self):
        if self.failing:
            with self.lock:
                self.failing = False
                self.open_until = 0.0
            logger.warning("Redis at %s answers again", self.server)


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(server, seconds):
    """The breaker of ``server`` in this process: the default and page caches on one Redis
    open and close together."""
    with _breakers_lock:
        breaker = _breakers.get(server)
        if breaker is None or breaker.seconds != seconds:
            breaker = _breakers[server] = Breaker(server, seconds)
        return breaker


def _guarded(name, failed=None):
    """``name`` of RedisCache behind the breaker, returning ``failed`` without an answer."""

    def method(self, *args, **kwargs):
        return self.call(getattr(super(BreakerRedisCache, self), name), failed, *args, **kwargs)

    method.__name__ = name
    return method


class BreakerRedisCache(RedisCache):
    """django-redis's cache, each call going through this process's breaker for the server.

    OPTIONS take ``BREAKER_SECONDS`` besides django-redis's own; IGNORE_EXCEPTIONS is the
    breaker's business and is always off underneath.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        seconds = options.pop("BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS)
        options["IGNORE_EXCEPTIONS"] = False
        pool_options = dict(options.get("CONNECTION_POOL_KWARGS", {}))
        pool_options.setdefault("retry", Retry(NoBackoff(), 0))
        options["CONNECTION_POOL_KWARGS"] = pool_options
        super().__init__(server, {**params, "OPTIONS": options})
        self.breaker = breaker_for(server, seconds)

    def call(self, method, failed, *args, **kwargs):
        if not self.breaker.allows():
            return failed
        try:
            result = method(*args, **kwargs)
        except FAILURES as error:
            self.breaker.failed(error)
            return failed
        self.breaker.succeeded()
        return result

    def get(self, key, default=None, version=None, client=None):
        return self.call(super().get, default, key, default, version, client)

    def get_many(self, keys, version=None, client=None):
        return self.call(super().get_many, None, keys, version, client) or {}

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, client=None):
        # Django's contract: the keys that were not stored.
        return self.call(super().set_many, list(data), data, timeout, version, client) or []

    set = _guarded("set")
    add = _guarded("add")
    touch = _guarded("touch")
    delete = _guarded("delete", False)
    delete_many = _guarded("delete_many")
    delete_pattern = _guarded("delete_pattern")
    has_key = _guarded("has_key", False)
    incr = _guarded("incr")
    decr = _guarded("decr")
    incr_version = _guarded("incr_version")
    ttl = _guarded("ttl")
    expire = _guarded("expire")
    persist = _guarded("persist")
    clear = _guarded("clear")
