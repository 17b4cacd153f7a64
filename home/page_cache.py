"""Whole statement pages (and the join page's thank-you pages) cached for anonymous visitors,
shared by every app server.

Each page is stored with the cache *generation* it was rendered in. Anything that can show on a
statement page (a signatory saved or deleted, a page published, unpublished, moved or deleted,
a site changed) starts a new generation in the shared "pages" cache (Redis, or files on one
box), so no process serves the old HTML again. A CDN in front is purged at the same moment
(``wagtail.contrib.frontend_cache``, when configured).

Only what every visitor sees alike is stored: no session, messages, CSRF token or CSP nonce,
no Set-Cookie; logged-in editors, previews and anything but a plain GET bypass the cache.

A hit is meant to cost about what WhiteNoise's static file does: the generation check is one
small file read on one box (see ``current_generation``), the page and its headers are kept
ready in each process, and nothing is copied.
"""

import functools
import hashlib
import logging
import secrets
import threading
import time
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from signatories.models import Signatory

from .models import StatementPage

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
STATUS_HEADER = "X-Page-Cache"
# django.contrib.messages' cookie storage, which this site does not rename.
MESSAGE_COOKIE = "messages"
# Links shared on social media carry these; they do not change the page, so they share its entry.
TRACKING_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid", "ref"}
# Pages kept in each process besides the shared cache (statement pages: one per language).
LOCAL_ENTRIES = 32
# Keys each process remembers as not stored (any page but a statement page), so requests for
# them never wait for one another.
PASSING_KEYS = 1024
# After a change, one request renders a page while the others wait this long for it at most.
RENDER_WAIT_SECONDS = 5
RENDER_POLL_SECONDS = 0.02
# Public URLs built from the signatory list, besides the statement pages themselves.
LIST_URL_NAMES = ("signatories_json", "signatories_csv", "embed")


def page_cache():
    return caches[CACHE_ALIAS]


# --- generations ---------------------------------------------------------------------------


def new_generation():
    """Start a new generation now: every stored page is stale from this moment, in every
    process, since they all read the generation from the same shared cache."""
    page_cache().set(GENERATION_KEY, secrets.token_hex(8), None)


def current_generation(request=None):
    """The generation now, as every process sees it; started here when the shared cache has
    none (first start, a cleared cache, a restarted Redis). None only if the cache is down.

    With ``request``, read once for it: the page cache, the form cache and the routing memo
    all ask, and whatever they store belongs to the generation the request started in."""
    if request is not None:
        if not hasattr(request, "_page_cache_generation"):
            request._page_cache_generation = current_generation()
        return request._page_cache_generation
    cache = page_cache()
    generation = peek_generation(cache)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    return generation


# The last generation file this process decoded, with its generation: (raw bytes, generation).
_decoded = (None, None)


def peek_generation(cache):
    """The shared cache's generation, or None when it has none.

    On one box the shared cache is a directory, and the generation one small file in it that
    ``cache.set`` replaces whole (it writes a new file and renames it over the old one). Its
    bytes change with every generation, so comparing them with the last ones this process
    decoded answers in one read, where ``cache.get`` would also unpickle and decompress them on
    every request.
    """
    global _decoded
    if not isinstance(cache, FileBasedCache):
        return cache.get(GENERATION_KEY)
    try:
        with open(_generation_file(cache), "rb") as file:
            raw = file.read()
    except FileNotFoundError:
        return None
    seen_raw, seen = _decoded  # one tuple, so threads always see a matching pair
    if raw == seen_raw:
        return seen
    # A newer generation may have replaced the file since it was read; pairing these bytes
    # with it is harmless, as no process can read these bytes again.
    generation = cache.get(GENERATION_KEY)
    if generation is not None:
        _decoded = (raw, generation)
    return generation


@functools.lru_cache(maxsize=32)
def _generation_file(cache):
    # Django keeps one cache object per thread; each works out the same path (key, prefix,
    # version, hashed) once.
    return cache._key_to_file(GENERATION_KEY)


# The latest change this thread made, and the latest one it has published after a commit.
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


def content_changed(**kwargs):
    """Signal receiver: something on the statement pages changed."""
    new_generation()
    _changes.made = secrets.token_hex(8)
    transaction.on_commit(_after_commit)


def _page_content_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_changed()


def connect_signals():
    """Called from HomeConfig.ready()."""
    post_save.connect(content_changed, sender=Signatory, dispatch_uid="page_cache_signatory")
    post_delete.connect(content_changed, sender=Signatory, dispatch_uid="page_cache_sig_del")
    post_save.connect(content_changed, sender=Site, dispatch_uid="page_cache_site")
    post_delete.connect(content_changed, sender=Site, dispatch_uid="page_cache_site_del")
    page_published.connect(content_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(content_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(content_changed, dispatch_uid="page_cache_moved")
    post_delete.connect(_page_content_changed, dispatch_uid="page_cache_page_deleted")
    # A page made private (or public again) must stop (or start) being served to everyone at
    # once: the stored pages and the remembered routes belong to the generation.
    post_save.connect(content_changed, sender=PageViewRestriction, dispatch_uid="page_cache_pvr")
    post_delete.connect(
        content_changed, sender=PageViewRestriction, dispatch_uid="page_cache_pvr_del"
    )


# --- the CDN -------------------------------------------------------------------------------


def statement_urls():
    """Every URL whose content the signatory list or the statement shapes."""
    urls = []
    for page in StatementPage.objects.live().specific():
        page_url = page.get_full_url()
        if page_url:
            urls.append(page_url)
    for site in Site.objects.all():
        for name in LIST_URL_NAMES:
            # The partners' widget has a URL per language (/embed/, /es/embed/).
            for language, _ in settings.LANGUAGES:
                try:
                    with translation.override(language):
                        urls.append(site.root_url + reverse(name))
                except NoReverseMatch:
                    continue
    return list(dict.fromkeys(urls))


def purge_frontend_cache():
    """Ask the configured CDN to drop the statement pages and the list's files (a task)."""
    if not get_backends():
        return
    urls = statement_urls()
    logger.info("purging %d URLs from the frontend cache", len(urls))
    purge_urls_from_cache(urls)


# --- the middleware ------------------------------------------------------------------------


def allow_storing(request):
    """A view's word that its page is the same for every anonymous visitor: it may be stored
    (if the response holds nothing of one visitor's, see ``storable``)."""
    request.page_cacheable = True


@hooks.register("before_serve_page")
def mark_statement_page(page, request, serve_args, serve_kwargs):
    """Statement pages are stored; Wagtail's page view tells us which page it serves."""
    if isinstance(page, StatementPage):
        allow_storing(request)


def cache_key(request):
    """The key for this request, or None when it must bypass the cache (worked out once)."""
    if not hasattr(request, "_page_cache_key"):
        request._page_cache_key = _cache_key(request)
    return request._page_cache_key


def _cache_key(request):
    if request.method != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    if request.path_info.startswith(settings.ADMIN_URL_PREFIX):
        return None
    meta = request.META
    if "HTTP_COOKIE" in meta:
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or MESSAGE_COOKIE in cookies:
            return None  # someone logged in, or with a message waiting for them
    if "HTTP_AUTHORIZATION" in meta:
        return None
    query = meta.get("QUERY_STRING")
    if query and any(
        key not in TRACKING_PARAMS and not key.startswith("utm_")
        for key, _ in parse_qsl(query, True)
    ):
        return None
    # The path carries the language (/es/...), so each language has its own entry.
    identity = f"{request.scheme}://{meta.get('HTTP_HOST', '')}{request.path}"
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()[:32]


def storable(request, response):
    """True only for a page allowed to be stored that is the same for every anonymous visitor."""
    if not getattr(request, "page_cacheable", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: one visitor's
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the nonce must differ on every response
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


def wait_for_render(cache, key, lock, generation):
    """The entry another request is rendering for ``generation``, or None when it gives up,
    fails, or the generation moves on (then this request renders for itself)."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        entry = cache.get(key)
        if entry is not None and entry["generation"] == generation:
            return entry
        if cache.get(lock) is None or current_generation() != generation:
            return None
    return None


class StoredPage:
    """A stored page as this process keeps it: the body and the headers of a hit, built once."""

    __slots__ = ("content", "expires", "generation", "headers")

    def __init__(self, entry):
        self.generation = entry["generation"]
        # The shared cache forgets a page after PAGE_CACHE_SECONDS; so does this copy.
        self.expires = entry.get("expires") or time.time() + settings.PAGE_CACHE_SECONDS
        self.content = entry["content"]
        self.headers = {**dict(entry["headers"]), STATUS_HEADER: "hit"}

    def is_current(self, generation):
        return self.generation == generation and time.time() < self.expires

    def response(self):
        # The response copies the headers and shares the body: nothing of the page is copied.
        return HttpResponse(self.content, headers=self.headers)


class LocalPages:
    """The stored pages this process keeps ready, each beside its entry in the shared cache."""

    def __init__(self):
        self.pages = {}

    def current(self, key, generation):
        """This process's copy of ``key`` if it belongs to ``generation`` and has not expired."""
        page = self.pages.get(key)
        return page if page is not None and page.is_current(generation) else None

    def find(self, cache, key, generation):
        """The stored page of ``generation``, from this process or the shared cache, or None."""
        page = self.current(key, generation)
        if page is None:
            entry = cache.get(key)
            if entry is not None and entry["generation"] == generation:
                page = self.keep(key, entry)
        return page

    def keep(self, key, entry):
        # The shared cache answers which generation is current (a few bytes); the page itself
        # is kept in this process too, so a hit does not fetch and unpickle it every time.
        if key not in self.pages and len(self.pages) >= LOCAL_ENTRIES:
            self.pages.clear()
        page = self.pages[key] = StoredPage(entry)
        return page

    def store(self, cache, key, generation, content, headers):
        """Store a page in the shared cache for every process, and keep it here."""
        entry = {
            "generation": generation,
            "expires": time.time() + settings.PAGE_CACHE_SECONDS,
            "content": content,
            "headers": headers,
        }
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return self.keep(key, entry)


class StatementPageCacheMiddleware:
    """Serve a stored statement page before sessions, CSRF and Wagtail's routing run.

    Sits right after WhiteNoise, so a hit costs about as much as a static file: one small
    read for the current generation, and no SQL.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = LocalPages()
        self.passing = set()
        self.rendering = {}
        self.rendering_lock = threading.Lock()

    def __call__(self, request):
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        generation = current_generation(request)
        page = self.local.current(key, generation)
        if page is not None:
            return page.response()
        cache = page_cache()
        if key in self.passing:
            return self.render(request, cache, key, generation)
        entry = cache.get(key)
        if entry is not None and entry["generation"] == generation:
            return self.local.keep(key, entry).response()
        if entry is None:
            return self.render_once_here(request, cache, key, generation)
        # An older entry means a statement page whose generation has just passed: one request
        # renders it while the others wait, instead of each rendering the whole list at once.
        lock = f"{key}:rendering:{generation}"
        if not cache.add(lock, 1, RENDER_WAIT_SECONDS):
            fresh = wait_for_render(cache, key, lock, generation)
            if fresh is not None:
                return self.local.keep(key, fresh).response()
            lock = None
        try:
            return self.render(request, cache, key, generation)
        finally:
            if lock:
                cache.delete(lock)

    def render_once_here(self, request, cache, key, generation):
        """Render a page with nothing stored, while other requests for it in this process wait.

        Nothing stored is most pages (only statement pages are), but also a statement page
        after a start or once its entry expired: then every request would render the whole
        list at once (50 renders of 10,000 names take seconds). Nothing says which it is
        before the render, so this waits only within a process, and not for keys already seen
        not to be stored (``__call__`` renders those at once).
        """
        with self.rendering_lock:
            done = self.rendering.get(key)
            if done is None:
                self.rendering[key] = threading.Event()
        if done is not None:
            done.wait(RENDER_WAIT_SECONDS)
            page = self.local.current(key, generation)
            if page is not None:
                return page.response()
            return self.render(request, cache, key, generation)
        try:
            return self.render(request, cache, key, generation)
        finally:
            with self.rendering_lock:
                self.rendering.pop(key).set()

    def render(self, request, cache, key, generation):
        response = self.get_response(request)
        if generation is not None and storable(request, response):
            self.store(cache, key, generation, response)
            self.passing.discard(key)
            response[STATUS_HEADER] = "miss"
        else:
            if len(self.passing) >= PASSING_KEYS:
                self.passing.clear()
            self.passing.add(key)
        return response

    def store(self, cache, key, generation, response):
        if settings.PAGE_CACHE_CDN_SECONDS > 0:
            patch_cache_control(response, public=True, s_maxage=settings.PAGE_CACHE_CDN_SECONDS)
        self.local.store(cache, key, generation, response.content, list(response.items()))
