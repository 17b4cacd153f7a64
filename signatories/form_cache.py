"""The public form pages served from one stored copy, each response with its visitor's tokens.

A blank join form is the same page for every visitor but for two values: the CSRF token and
the signed time the form was served (``bot_traps``). The view renders it with a placeholder
for each and fills in fresh values for every response. The middleware keeps the rendered
placeholder copy per page and language, for the page cache's generation (``home.page_cache``:
any publish, move or delete starts a new one in every process), so a crowd opening the form
costs a string replacement each, not a page render and Wagtail's routing.

No visitor gets another's token: the stored copy has none, and the fill asks Django's CSRF
middleware for this visitor's own (setting the cookie when they have none yet). Visitors with
a session or messages waiting, and anything but a plain GET, pass through to the view.

The placeholders come from the secret key, and the stored copy outlives a restart (files or
Redis), so the key is part of the copy's identity: a process started with another key (after
a rotation, or beside a process that still has the old one) never finds a copy whose
placeholders it would not recognise and serve as they are, failing every visitor's CSRF check.
"""

import functools
import hashlib
from typing import NamedTuple

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token

from home import page_cache

from .joining.bot_traps import sign_started_at

STATUS_HEADER = page_cache.STATUS_HEADER
# Headers the outer middleware sets on every response, or that the fill changes.
_NOT_STORED = {"content-length", "set-cookie"}


class Placeholders(NamedTuple):
    csrf: str
    started: str
    # Goes into the stored copy's cache key: only processes with the same key find it.
    key_digest: str


def placeholders():
    """The placeholders of the secret key this process runs with.

    Derived from the key, so no editor can put them into a page's text on purpose, and the
    same in every process that shares the stored copies with the same key. Looked up from the
    setting on each use (a cached lookup), not fixed at import, so they always belong to the
    key the rest of Django signs with."""
    return _placeholders_for(settings.SECRET_KEY)


@functools.lru_cache(maxsize=4)
def _placeholders_for(secret_key):
    seed = hashlib.sha256(f"form-cache:{secret_key}".encode()).hexdigest()
    return Placeholders(
        csrf=f"csrf-{seed[:24]}",
        started=f"started-{seed[24:48]}",
        key_digest=seed[48:64],
    )


def blank_form_context(form):
    """Context for rendering ``form`` (unbound) with placeholders instead of this visitor's
    values; ``fill`` puts the real ones in."""
    marks = placeholders()
    form.initial["started"] = marks.started
    return {"form": form, "csrf_token": marks.csrf}


def fill(template, request):
    """The page for this visitor: a fresh CSRF token (theirs) and a fresh signed start time."""
    marks = placeholders()
    return template.replace(marks.csrf.encode(), get_token(request).encode()).replace(
        marks.started.encode(), sign_started_at().encode()
    )


def render_blank_form(request, response):
    """Render a blank form page made with ``blank_form_context`` and fill it for ``request``.

    The placeholder copy is left on the request for the middleware to keep."""
    response.render()
    request.blank_form_page = response.content
    response.content = fill(response.content, request)
    return response


def _cache_key(request):
    key = page_cache.cache_key(request)
    return None if key is None else f"form-{placeholders().key_digest}-{key}"


class FormPageCacheMiddleware:
    """Serve blank public forms from the stored copy. Sits right after CSRF's middleware,
    which reads the visitor's cookie before and sets it after."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = page_cache.LocalPages()

    def __call__(self, request):
        key = _cache_key(request)
        generation = None if key is None else page_cache.current_generation(request)
        if generation is None:
            return self.get_response(request)
        cache = page_cache.page_cache()
        page = self.local.find(cache, key, generation)
        if page is not None:
            return HttpResponse(fill(page.content, request), headers=page.headers)
        response = self.get_response(request)
        template = getattr(request, "blank_form_page", None)
        user = getattr(request, "user", None)
        if (
            template is not None
            and response.status_code == 200
            and not (user is not None and user.is_authenticated)
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
            self.local.store(cache, key, generation, template, headers)
            response[STATUS_HEADER] = "miss"
        return response
