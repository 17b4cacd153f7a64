"""The cache backends the settings configure (campaign/settings/services.py).

``breaker.BreakerRedisCache``: Redis with short timeouts and a circuit breaker, so a Redis
that hangs costs one short wait per process now and then, not one per cache call.
``box.BoxCache``: the cache every process of one machine shares when there is no Redis (and
the rate limits' fallback when Redis does not answer), in a SQLite file of its own under
var/.
"""
