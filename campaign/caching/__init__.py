"""The site's caches: whole pages, the blank join form's stored copy, Wagtail's routes and
values built from the signatory list, all made stale together by one generation.

This package imports none of the apps; each app connects its own signals to ``invalidate``
and registers the URLs a CDN should drop with ``register_purge_urls``.
"""

from .generation import (
    current_generation,
    invalidate,
    one_generation_per_block,
    register_purge_urls,
)
from .list_cache import cached
from .page_cache import STATUS_HEADER, allow_storing

__all__ = [
    "STATUS_HEADER",
    "allow_storing",
    "cached",
    "current_generation",
    "invalidate",
    "one_generation_per_block",
    "register_purge_urls",
]
