"""Whole pages (the statement pages, the join page's thank-you pages) stored for anonymous
visitors and shared by every app server.

A view marks a page that is the same for every anonymous visitor with ``allow_storing``; the
middleware stores it with the generation it was rendered in (``generation``) and serves it
until a new generation starts. Only what every visitor sees alike is stored: no session,
messages, CSRF token or CSP nonce, no Set-Cookie; logged-in editors, previews and anything
but a plain GET bypass the cache.
"""

import hashlib
import threading
import time
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import compression
from .generation import current_generation, one_read_per_request, read_generation, shared_cache

STATUS_HEADER = "X-Page-Cache"
# Set on a response by ``allow_storing``; read only by this module.
STORABLE_ATTRIBUTE = "same_for_every_anonymous_visitor"
# django.contrib.messages' cookie storage, which this site does not rename.
MESSAGE_COOKIE = "messages"
# Links shared on social media carry these; they do not change the page, so they share its entry.
TRACKING_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid", "ref"}
# Pages kept in each process besides the shared cache (statement pages: one per language).
LOCAL_ENTRIES = 32
# Keys each process remembers as not stored (any page but a statement page), so requests for
# them never wait for one another.
UNSTORED_KEYS = 1024
# After a change, one request renders a page while the others wait this long for it at most.
RENDER_WAIT_SECONDS = 5
RENDER_POLL_SECONDS = 0.02


def allow_storing(response):
    """A view's word that ``response`` is the same for every anonymous visitor: it may be
    stored (if it holds nothing of one visitor's, see ``storable``). Returns the response."""
    setattr(response, STORABLE_ATTRIBUTE, True)
    return response


def cache_key(request):
    """The key for this request, or None when it must bypass the cache."""
    if request.method != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    # The admin, and static files and uploads (WhiteNoise or the web server answers them).
    if request.path_info.startswith(
        (settings.ADMIN_URL_PREFIX, settings.STATIC_URL, settings.MEDIA_URL)
    ):
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
    """True only for a page allowed to be stored that is the same for every anonymous visitor.

    A page holding a CSRF token comes back with the CSRF cookie set (Django's middleware sets
    it whenever a token was used), so the cookie check covers it."""
    if not getattr(response, STORABLE_ATTRIBUTE, False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # django-csp's lazy nonce is true once a template asked for it: the nonce must differ
    # on every response.
    if getattr(request, "csp_nonce", None):
        return False
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
        if cache.get(lock) is None or read_generation() != generation:
            return None
    return None


class StoredPage:
    """A stored page as this process keeps it: the body and the headers of a hit, built once."""

    __slots__ = ("content", "encoded", "expires", "generation", "headers")

    def __init__(self, entry):
        self.generation = entry["generation"]
        # The shared cache forgets a page after PAGE_CACHE_SECONDS; so does this copy.
        self.expires = entry.get("expires") or time.time() + settings.PAGE_CACHE_SECONDS
        self.content = entry["content"]
        self.headers = {**dict(entry["headers"]), STATUS_HEADER: "hit"}
        # Each encoding's body with its headers, ready to serve.
        self.encoded = {}
        encoded = entry.get("encoded") or {}
        if encoded:
            self.headers = compression.with_vary_accept_encoding(self.headers)
        for name, body in encoded.items():
            headers = {**self.headers, "Content-Encoding": name, "Content-Length": str(len(body))}
            self.encoded[name] = (body, headers)

    def is_current(self, generation):
        return self.generation == generation and time.time() < self.expires

    def response(self, request=None, status=None):
        """The page for ``request``, compressed if its browser accepts it; ``status`` in the
        cache status header instead of "hit"."""
        content, headers = self.content, self.headers
        if request is not None:
            name = compression.accepted(request.META.get("HTTP_ACCEPT_ENCODING"), self.encoded)
            if name is not None:
                content, headers = self.encoded[name]
        if status is not None:
            headers = {**headers, STATUS_HEADER: status}
        # The response copies the headers and shares the body: nothing of the page is copied.
        return HttpResponse(content, headers=headers)

    def response_with(self, content):
        """A hit with this page's headers and another body (the page filled for a visitor)."""
        return HttpResponse(content, headers=self.headers)


class StoredPages:
    """The stored pages this process keeps ready, each beside its entry in the shared cache."""

    def __init__(self):
        self.pages = {}

    def kept_copy(self, key, generation):
        """This process's copy of ``key`` if it belongs to ``generation`` and has not expired."""
        page = self.pages.get(key)
        return page if page is not None and page.is_current(generation) else None

    def lookup(self, cache, key, generation):
        """The stored page of ``generation``, from this process or the shared cache, or None."""
        page = self.kept_copy(key, generation)
        if page is None:
            entry = cache.get(key)
            if entry is not None and entry["generation"] == generation:
                page = self.keep_copy(key, entry)
        return page

    def keep_copy(self, key, entry):
        # The shared cache answers which generation is current (a few bytes); the page itself
        # is kept in this process too, so a hit does not fetch and unpickle it every time.
        if key not in self.pages and len(self.pages) >= LOCAL_ENTRIES:
            self.pages.clear()
        page = self.pages[key] = StoredPage(entry)
        return page

    def save(self, cache, key, generation, content, headers, compress=False):
        """Store a page in the shared cache for every process, and keep it here; with
        ``compress``, its compressed bodies too (a page served as stored, not filled in)."""
        entry = {
            "generation": generation,
            "expires": time.time() + settings.PAGE_CACHE_SECONDS,
            "content": content,
            "headers": headers,
            "encoded": compression.compress(content) if compress else {},
        }
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return self.keep_copy(key, entry)


class PageCacheMiddleware:
    """Serve a stored page before sessions, CSRF and Wagtail's routing run.

    Sits right after Django's security middleware, outside django-csp's and the permissions
    policy's, so a page is stored with the headers they set and a hit is served without
    building them again: a hit costs about as much as a static file, one read of the current
    generation and no SQL.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.stored = StoredPages()
        self.unstored = set()
        self.rendering = {}
        self.rendering_lock = threading.Lock()

    def __call__(self, request):
        with one_read_per_request():
            return self.respond(request)

    def respond(self, request):
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        generation = current_generation()
        page = self.stored.kept_copy(key, generation)
        if page is not None:
            return page.response(request)
        cache = shared_cache()
        if key in self.unstored:
            return self.render(request, cache, key, generation)
        entry = cache.get(key)
        if entry is not None and entry["generation"] == generation:
            return self.stored.keep_copy(key, entry).response(request)
        if entry is None:
            return self.render_once_here(request, cache, key, generation)
        # An older entry means a stored page whose generation has just passed: one request
        # renders it while the others wait, instead of each rendering the whole list at once.
        lock = f"{key}:rendering:{generation}"
        if not cache.add(lock, 1, RENDER_WAIT_SECONDS):
            fresh = wait_for_render(cache, key, lock, generation)
            if fresh is not None:
                return self.stored.keep_copy(key, fresh).response(request)
            lock = None
        try:
            return self.render(request, cache, key, generation)
        finally:
            if lock:
                cache.delete(lock)

    def render_once_here(self, request, cache, key, generation):
        """Render a page with nothing stored, while other requests for it in this process wait.

        Nothing stored is most pages (only statement and thank-you pages are), but also a
        statement page after a start or once its entry expired: then every request would
        render the whole list at once. Nothing says which it is before the render, so this
        waits only within a process, and not for keys already seen not to be stored.
        """
        with self.rendering_lock:
            done = self.rendering.get(key)
            if done is None:
                self.rendering[key] = threading.Event()
        if done is not None:
            done.wait(RENDER_WAIT_SECONDS)
            page = self.stored.kept_copy(key, generation)
            if page is not None:
                return page.response(request)
            return self.render(request, cache, key, generation)
        try:
            return self.render(request, cache, key, generation)
        finally:
            with self.rendering_lock:
                self.rendering.pop(key).set()

    def render(self, request, cache, key, generation):
        response = self.get_response(request)
        if generation is not None and storable(request, response):
            if settings.PAGE_CACHE_CDN_SECONDS > 0:
                patch_cache_control(response, public=True, s_maxage=settings.PAGE_CACHE_CDN_SECONDS)
            page = self.stored.save(
                cache, key, generation, response.content, list(response.items()), compress=True
            )
            self.unstored.discard(key)
            return page.response(request, status="miss")
        if len(self.unstored) >= UNSTORED_KEYS:
            self.unstored.clear()
        self.unstored.add(key)
        return response
