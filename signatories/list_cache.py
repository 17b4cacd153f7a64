"""One cache for everything built from the signatory list, keyed by the list's state.

The key is derived from the database on every use (how many signatories there are and when
one last changed: one small aggregate query), not kept in the cache and bumped by signals.
So a change made by any process, the admin, an import command or an approval, is seen by
every process at once, even when each has its own memory cache: a cached list is never
served after the list has changed.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max

from .models import Signatory

CACHE_TIMEOUT = 24 * 60 * 60


def list_state():
    """Changes whenever a signatory is added, edited, published, unpublished or deleted."""
    state = Signatory.objects.order_by().aggregate(
        count=Count("pk"), changed=Max("updated_at"), last=Max("pk")
    )
    changed = state["changed"].timestamp() if state["changed"] else 0
    return f"{state['count']}-{state['last'] or 0}-{changed}"


def cached(name, build):
    """``build()``'s result for the current list, built once per list state."""
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    key = f"signatory-list:{digest}:{list_state()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_TIMEOUT)
    return value
