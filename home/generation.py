"""The current generation of the public pages, as every process sees it.

``home.page_cache`` starts a new generation whenever anything a visitor sees may have changed;
the stored pages, the stored blank forms and the remembered routes all belong to one.
"""

import secrets

from django.core.cache import caches

from .page_cache import CACHE_ALIAS, GENERATION_KEY


def current_generation():
    """The generation now, started here if the shared cache has none yet (after a restart of
    Redis, say); None only when the cache does not answer at all."""
    cache = caches[CACHE_ALIAS]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    return generation
