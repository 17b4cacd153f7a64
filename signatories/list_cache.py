"""One cache for everything built from the signatory list, keyed by the list's state.

The key is derived from the database on every use (how many signatories there are and when
one last changed: one small aggregate query), not kept in the cache and bumped by signals.
So a change made by any process, the admin, an import command or an approval, is seen by
every process at once, even when each has its own memory cache: a cached list is never
served after the list has changed.
"""

import hashlib
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Count, Max, Q

from .models import Signatory

CACHE_TIMEOUT = 24 * 60 * 60


class ListState(NamedTuple):
    key: str
    published: int


def read_list_state(request=None):
    """The list's state and its published count, from one small query; with a ``request``,
    read once per request, so every part of a page built from the list shares that query."""
    memo = getattr(request, "_signatory_list_state", None)
    if memo is not None:
        return memo
    state = Signatory.objects.order_by().aggregate(
        count=Count("pk"),
        changed=Max("updated_at"),
        last=Max("pk"),
        published=Count("pk", filter=Q(live=True)),
    )
    changed = state["changed"].timestamp() if state["changed"] else 0
    memo = ListState(f"{state['count']}-{state['last'] or 0}-{changed}", state["published"])
    if request is not None:
        request._signatory_list_state = memo
    return memo


def list_state(request=None):
    """Changes whenever a signatory is added, edited, published, unpublished or deleted."""
    return read_list_state(request).key


def published_count(request=None):
    """How many signatories are published, without a query of its own."""
    return read_list_state(request).published


def cached(name, build, request=None):
    """``build()``'s result for the current list, built once per list state."""
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    key = f"signatory-list:{digest}:{list_state(request)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_TIMEOUT)
    return value
