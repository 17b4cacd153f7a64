"""The cache generation: one value every process reads, replaced whenever anything a cached
page or list shows has changed.

Everything the caches store is stored with (or keyed by) the generation it was built in, so
starting a new one makes all of it stale at once, in every process: the value lives under a
key of the shared "pages" cache (Redis, shared by every app server) or, on one box, in a file
of its own (``CACHE_GENERATION_FILE``, see ``generation_file``). A CDN in front is purged at
the same moment (``wagtail.contrib.frontend_cache``, when configured), with the URLs the apps
register.
"""

import contextlib
import contextvars
import logging
import secrets
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache

from . import generation_file

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "caching:generation"


# The generation as this request read it, so the middlewares, the routing and the list cache
# read it once per request, not one cache round trip each. Unset outside a request.
_request_generation = contextvars.ContextVar("request_generation", default=None)


class _RequestGeneration:
    __slots__ = ("read", "value")

    def __init__(self):
        self.read = False
        self.value = None


@contextlib.contextmanager
def one_read_per_request():
    """Within this block (a whole request), ``current_generation`` reads the shared cache
    once; a generation the request itself starts replaces the one it read."""
    token = _request_generation.set(_RequestGeneration())
    try:
        yield
    finally:
        _request_generation.reset(token)


def shared_cache():
    return caches[CACHE_ALIAS]


def new_generation():
    """Start a new generation now: everything stored before is stale in every process."""
    generation = secrets.token_hex(8)
    path = settings.CACHE_GENERATION_FILE
    if path:
        generation_file.replace(path, generation)
    else:
        shared_cache().set(GENERATION_KEY, generation, None)
    memo = _request_generation.get()
    if memo is not None:
        memo.read, memo.value = True, generation


def current_generation():
    """The generation now, as every process sees it (read once per request); None only if
    the cache is down, and then nothing is stored or served from a cache."""
    memo = _request_generation.get()
    if memo is None:
        return read_generation()
    if not memo.read:
        memo.read, memo.value = True, read_generation()
    return memo.value


def read_generation():
    """The generation every process sees now; started here when there is none (first
    start, a cleared cache, a restarted Redis)."""
    path = settings.CACHE_GENERATION_FILE
    if path:
        try:
            return generation_file.read(path) or generation_file.create(path, secrets.token_hex(8))
        except OSError:
            logger.exception("the cache generation file %s cannot be read or written", path)
            return None
    cache = shared_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # ``add``: two processes starting at once agree on one generation.
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    return generation


# --- invalidation --------------------------------------------------------------------------

# Functions returning the public URLs a change may alter, each registered by the app that
# knows them, so this package needs to import none of the apps.
_url_sources = []


def register_purge_urls(source):
    """Have ``source()`` (a list of absolute URLs) purged from the CDN after every change."""
    if source not in _url_sources:
        _url_sources.append(source)


def purge_frontend_cache():
    """Ask the configured CDN to drop every registered URL (nothing when none is configured)."""
    if not get_backends():
        return
    urls = list(dict.fromkeys(url for source in _url_sources for url in source()))
    logger.info("purging %d URLs from the frontend cache", len(urls))
    purge_urls_from_cache(urls)


# The latest change this thread made, and the latest one it has handled after a commit.
_changes = threading.local()


def _after_commit():
    # One post-commit step per transaction, however many rows an import or merge touched:
    # every callback of one commit sees the same latest change.
    change = getattr(_changes, "made", None)
    if change is not None and getattr(_changes, "handled", None) == change:
        return
    _changes.handled = change
    # A request that read the old rows while the change was being written may have stored
    # them under the generation started before the commit; start one more after it.
    new_generation()
    purge_frontend_cache()


# Set inside ``one_generation_per_block``: whether this block has started its generation.
_block_started = contextvars.ContextVar("block_started", default=None)


@contextlib.contextmanager
def one_generation_per_block():
    """Within this block (one transaction writing many rows, e.g. a batch of an import), the
    changes start one generation before the commit, not one per row saved; the one after the
    commit is one per transaction anyway."""
    token = _block_started.set([False])
    try:
        yield
    finally:
        _block_started.reset(token)


def invalidate(**_signal_kwargs):
    """Something a cached page or list shows has changed: nothing stored before is served
    again, and the CDN is purged once the change is committed (nothing if it rolls back).

    Takes any keyword arguments, so apps can connect it to their signals as it is."""
    started = _block_started.get()
    if started is None or not started[0]:
        new_generation()
        if started is not None:
            started[0] = True
    _changes.made = secrets.token_hex(8)
    transaction.on_commit(_after_commit)
