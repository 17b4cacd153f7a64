"""Per-client submission limits kept in Django's cache, so every app server shares them."""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


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


def hit(scope, key, limit):
    """Count one event for ``key``; False once more than ``limit[0]`` fall in the window.

    A fixed window of ``limit[1]`` seconds starts at the first event. If the cache fails,
    the event is allowed and a warning logged: a broken cache must not close the form.
    """
    count_allowed, window = limit
    cache_key = f"ratelimit:{scope}:{key}"
    try:
        cache.add(cache_key, 0, timeout=window)
        count = cache.incr(cache_key)
    except ValueError:
        # The key expired between add() and incr(): this is the window's first event.
        cache.set(cache_key, 1, timeout=window)
        count = 1
    except Exception:  # noqa: BLE001 - a cache that fails must never refuse a person
        count = None
    if count is None:
        # The cache is down (or, configured to ignore errors, answered nothing).
        logger.warning("rate limit cache unavailable; allowing %s", scope)
        return True
    return count <= count_allowed
