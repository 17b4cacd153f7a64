"""The cache backends the settings configure (campaign/settings/services.py).

``breaker.BreakerRedisCache``: Redis with short timeouts and a circuit breaker, so a Redis
that hangs costs one short wait per process now and then, not one per cache call.
``box.BoxCache``: the cache every process of one machine shares when there is no Redis (and
the rate limits' fallback when Redis does not answer), in a SQLite file of its own under
var/.
"""


def claim(cache, key, seconds):
    """Hold ``key`` in ``cache`` for ``seconds``: True for the first caller, False while it is
    held; None from a cache that did not answer (the breaker's Redis).

    For flags only ever claimed, never read: the box cache claims in one statement
    (``BoxCache.claim``), any other cache with ``add``.
    """
    box_claim = getattr(cache, "claim", None)
    if box_claim is not None:
        return box_claim(key, seconds)
    return cache.add(key, True, timeout=seconds)
