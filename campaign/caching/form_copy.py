"""Blank public forms served from one stored copy, each response with its visitor's values.

A blank join form is the same page for every visitor but for a few values: the CSRF token,
and whatever form fields the app registers with ``fill_field`` (the signed time the form was
served). The view renders it with a placeholder for each (``blank_form_context``) and hands
the placeholder copy over with ``render_blank_form``; the middleware keeps that copy per page
and language, for the current generation, and fills in fresh values for every response. So a
crowd opening the form costs a string replacement each, not a page render and Wagtail's
routing.

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

from django.conf import settings
from django.middleware.csrf import get_token

from .generation import current_generation, shared_cache
from .page_cache import STATUS_HEADER, StoredPages, cache_key

CSRF = "csrf"
# Set on the response by ``render_blank_form``: the copy with placeholders, to be stored.
COPY_ATTRIBUTE = "blank_form_copy"
# Headers the outer middleware sets on every response, or that the fill changes.
NOT_STORED_HEADERS = {"content-length", "set-cookie"}

# Form field name -> function returning a fresh value for it, for each response.
_field_fills = {}


def fill_field(name, fresh_value):
    """Have form field ``name`` of every stored blank form get ``fresh_value()`` per visitor."""
    _field_fills[name] = fresh_value


def placeholder(name):
    """The placeholder for ``name`` under the secret key this process runs with.

    Derived from the key, so no editor can put one into a page's text on purpose, and the
    same in every process that shares the stored copies with the same key. Looked up from the
    setting on each use, not fixed at import, so it always belongs to the key the rest of
    Django signs with."""
    return f"{name}-{_secret_digest(settings.SECRET_KEY, name)}"


@functools.lru_cache(maxsize=16)
def _secret_digest(secret_key, name):
    return hashlib.sha256(f"form-copy:{name}:{secret_key}".encode()).hexdigest()[:24]


def blank_form_context(form):
    """Context for rendering ``form`` (unbound) with placeholders instead of this visitor's
    values; the middleware fills in the real ones."""
    for name in _field_fills:
        form.initial[name] = placeholder(name)
    return {"form": form, "csrf_token": placeholder(CSRF)}


def fill(template, request):
    """The page for this visitor: their own CSRF token and fresh values for the fields."""
    page = template.replace(placeholder(CSRF).encode(), get_token(request).encode())
    for name, fresh_value in _field_fills.items():
        page = page.replace(placeholder(name).encode(), fresh_value().encode())
    return page


def render_blank_form(request, response):
    """Render a blank form page made with ``blank_form_context`` and fill it for ``request``,
    keeping the placeholder copy on the response for the middleware to store."""
    response.render()
    setattr(response, COPY_ATTRIBUTE, response.content)
    response.content = fill(response.content, request)
    return response


def copy_key(request):
    key = cache_key(request)
    # The key's digest: only processes running with the same secret key find the copy.
    return None if key is None else f"form-{_secret_digest(settings.SECRET_KEY, 'key')}-{key}"


class FormCopyMiddleware:
    """Serve blank public forms from the stored copy. Sits right after CSRF's middleware,
    which reads the visitor's cookie before and sets it after."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.stored = StoredPages()

    def __call__(self, request):
        key = copy_key(request)
        generation = None if key is None else current_generation()
        if generation is None:
            return self.get_response(request)
        cache = shared_cache()
        page = self.stored.lookup(cache, key, generation)
        if page is not None:
            return page.response_with(fill(page.content, request))
        response = self.get_response(request)
        template = getattr(response, COPY_ATTRIBUTE, None)
        user = getattr(request, "user", None)
        if (
            template is not None
            and response.status_code == 200
            and not (user is not None and user.is_authenticated)
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED_HEADERS]
            self.stored.save(cache, key, generation, template, headers)
            response[STATUS_HEADER] = "miss"
        return response
