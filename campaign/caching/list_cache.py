"""Values built from the signatory list (the grouped list, the map, the open data files, the
partners' widget), each built once per cache generation.

Keyed by the generation (``generation``), so a change made by any process, the admin, an
import command or an approval, makes every process build afresh, even when each has its own
memory cache. For the same reason each process may keep what it read: a kept value is never
stale, since its key names the generation it was built in. The list's HTML runs to a megabyte
at 10,000 names, which the shared cache (a SQLite file on one box) would otherwise read and
unpickle on every render of a page that is not stored whole.
"""

import hashlib

from django.core.cache import cache

from .generation import current_generation

CACHE_TIMEOUT = 24 * 60 * 60
# Values kept in each process: a few per language, so this is only a bound against keys of
# generations gone by piling up.
LOCAL_ENTRIES = 64

_kept = {}


def cached(name, build):
    """``build()``'s result for the current generation; built every time if the shared
    cache holding the generation is down, rather than risk serving a stale value.

    The same object is returned to every caller in the process: build immutable values.
    """
    generation = current_generation()
    if generation is None:
        return build()
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    key = f"list:{digest}:{generation}"
    try:
        return _kept[key]
    except KeyError:
        pass
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_TIMEOUT)
    if len(_kept) >= LOCAL_ENTRIES:
        _kept.clear()
    _kept[key] = value
    return value
