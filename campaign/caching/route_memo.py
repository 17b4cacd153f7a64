"""Wagtail's page routing, remembered in each process for the current generation.

Finding the page for a path costs Wagtail a Site query and a query per path segment down the
page tree. The answer can only change when a page or a site does, which starts a new
generation (the apps connect their signals to ``invalidate``). So each process remembers,
per host, language and path, which page the path leads to and what is left of the path for
that page's own routing (a routable page's sub-routes) — ids and path parts, never page
objects, so nothing loaded on a page outlives the request. A remembered route costs one
query to load the page; everything else is Wagtail's as usual: its ``route`` (which refuses
a page no longer live), the ``before_serve_page`` hooks with the view-restriction check, the
``on_serve_page`` hooks and the page's own ``serve``.
"""

import threading
from collections import OrderedDict
from typing import NamedTuple

from django.apps import apps
from django.http import Http404, HttpResponse
from django.utils import translation
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .generation import current_generation

# Paths are chosen by visitors (a confirmation link has a token in it): keep a bounded number.
MAX_ROUTES = 512


class Route(NamedTuple):
    """Where a path leads: the page's model and id, and the path parts the page routes."""

    model_label: str
    page_id: int
    rest_of_path: tuple


class RouteMemo:
    """Routes of one generation, the least recently used dropped first."""

    def __init__(self, size=MAX_ROUTES):
        self.size = size
        self.generation = None
        self.routes = OrderedDict()
        self.lock = threading.Lock()

    def get(self, generation, key):
        with self.lock:
            if generation != self.generation:
                return None
            route = self.routes.get(key)
            if route is not None:
                self.routes.move_to_end(key)
            return route

    def put(self, generation, key, route):
        with self.lock:
            if generation != self.generation:
                self.generation = generation
                self.routes.clear()
            self.routes[key] = route
            while len(self.routes) > self.size:
                self.routes.popitem(last=False)


memo = RouteMemo()


def serve(request, path):
    """Wagtail's page view, with the page a path leads to remembered between changes."""
    generation = current_generation()
    # The path is relative to the language prefix: the language picks the page's translation.
    key = (request.get_host(), translation.get_language(), path)
    route = memo.get(generation, key) if generation is not None else None
    if route is not None:
        return serve_route(request, route)
    response = wagtail_views.serve(request, path)
    if generation is not None:
        route = remembered_route(request, path)
        if route is not None:
            memo.put(generation, key, route)
    return response


def remembered_route(request, path):
    """What to remember of the route Wagtail has just found for this request, if any."""
    # Wagtail keeps its answer for the request: asking again costs no query.
    found = Page.route_for_request(request, path)
    if found is None:
        return None
    page = found[0]
    root = Site.find_for_request(request).root_page
    # The page tree's routing takes one path part per level below the site's root page.
    parts = tuple(part for part in path.split("/") if part)
    return Route(page._meta.label, page.pk, parts[page.depth - root.depth :])


def serve_route(request, route):
    """Serve a remembered route as Wagtail's ``serve`` view serves the one it finds."""
    model = apps.get_model(route.model_label)
    try:
        page = model.objects.get(pk=route.page_id)
    except model.DoesNotExist as missing:
        raise Http404 from missing
    page, args, kwargs = page.route(request, list(route.rest_of_path))
    serve_chain = wagtail_views.serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        serve_chain = wrap(serve_chain)
    for check in hooks.get_hooks("before_serve_page"):
        result = check(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return serve_chain(page, request, args, kwargs)
