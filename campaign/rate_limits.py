"""Per-client limits (joins, change requests, emails, logins), counted where every process
that serves them sees them.

The count lives in the default cache: Redis, shared by every app server, or without Redis the
box cache, shared by the processes of one machine (campaign/cache_backends/box.py). While
Redis does not answer, each machine counts in its box cache instead: the limit still holds,
per machine, and never fails open because a cache hangs.
"""

import logging

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

# Where the limits count while the default cache (Redis) does not answer; set with REDIS_URL.
FALLBACK_CACHE = "box"


def client_ip(request):
    """The client's address, trusting X-Forwarded-For only as far as our own proxies.

    Each trusted proxy appends the address it received from, so with N proxies the client
    is the Nth entry from the right; anything further left is the client's own claim.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope, key, limit, *, shared_by_many=False):
    """Count one event for ``key``; False once more than ``limit[0]`` fall in the window.

    A fixed window of ``limit[1]`` seconds starts at the window's first event.
    ``shared_by_many``: the key counts many clients' events (the global ceiling), so it
    usually exists already; counting then takes one cache round trip instead of two.
    If no cache can count (the disk of the box cache failing too), the event is allowed and
    an error logged.
    """
    count_allowed, window = limit
    cache_key = f"ratelimit:{scope}:{key}"
    count = count_event(caches["default"], cache_key, window, shared_by_many)
    if count is None and FALLBACK_CACHE in settings.CACHES:
        count = count_event(caches[FALLBACK_CACHE], cache_key, window, shared_by_many)
    if count is None:
        logger.error("rate limit cache unavailable; allowing %s", scope)
        return True
    return count <= count_allowed


def count_event(cache, key, window, exists_usually):
    """The events counted under ``key`` with this one, or None if ``cache`` did not answer."""
    try:
        # The box cache counts atomically across the machine's processes itself.
        count = getattr(cache, "count", None)
        if count is not None:
            return count(key, window)
        return _add_or_incr(cache, key, window, exists_usually)
    except Exception:
        # Whatever breaks one cache (a full disk, a locked file), the other may still count.
        logger.warning("rate limit count failed in one cache", exc_info=True)
        return None


def _add_or_incr(cache, key, window, exists_usually):
    # Redis and the memory cache count atomically with add and incr, and incr keeps the
    # window's expiry. A cache that does not answer gives None for both.
    if exists_usually:
        try:
            return cache.incr(key)
        except ValueError:
            pass  # the window's first event
    added = cache.add(key, 1, timeout=window)
    if added is None:
        return None
    if added:
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add() and incr(): this is the new window's first event.
        cache.set(key, 1, timeout=window)
        return 1
