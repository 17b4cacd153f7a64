"""Values built from the signatory list (the grouped list, the map, the open data files, the
partners' widget), each built once per cache generation.

Keyed by the generation (``generation``), so a change made by any process, the admin, an
import command or an approval, makes every process build afresh, even when each has its own
memory cache.
"""

import hashlib

from django.core.cache import cache

from .generation import current_generation

CACHE_TIMEOUT = 24 * 60 * 60


def cached(name, build):
    """``build()``'s result for the current generation; built every time if the shared
    cache holding the generation is down, rather than risk serving a stale value."""
    generation = current_generation()
    if generation is None:
        return build()
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    key = f"list:{digest}:{generation}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_TIMEOUT)
    return value
