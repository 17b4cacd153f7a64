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
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token

from home import page_cache

from .bot_traps import sign_started_at

STATUS_HEADER = page_cache.STATUS_HEADER
# Derived from the secret key, so no editor can put the placeholder into a page's text on
# purpose, and the same in every process that shares the stored copies.
_PLACEHOLDER_SEED = hashlib.sha256(f"form-cache:{settings.SECRET_KEY}".encode()).hexdigest()
CSRF_PLACEHOLDER = f"csrf-{_PLACEHOLDER_SEED[:24]}"
STARTED_PLACEHOLDER = f"started-{_PLACEHOLDER_SEED[24:48]}"
# Headers the outer middleware sets on every response, or that the fill changes.
_NOT_STORED = {"content-length", "set-cookie"}


def blank_form_context(form):
    """Context for rendering ``form`` (unbound) with placeholders instead of this visitor's
    values; ``fill`` puts the real ones in."""
    form.initial["started"] = STARTED_PLACEHOLDER
    return {"form": form, "csrf_token": CSRF_PLACEHOLDER}


def fill(template, request):
    """The page for this visitor: a fresh CSRF token (theirs) and a fresh signed start time."""
    return template.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode()).replace(
        STARTED_PLACEHOLDER.encode(), sign_started_at().encode()
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
    return None if key is None else f"form-{key}"


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
