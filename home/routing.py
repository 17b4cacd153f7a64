"""Wagtail's page routing, remembered in each process until the page tree changes.

Finding the page for a path costs Wagtail a Site query, a query per path segment and one for
the specific page: about 3 ms of every page view and every form POST, the same answer each
time. It can only change when a page or a site does, which is exactly when the page cache
starts a new generation (``home.page_cache``: publish, unpublish, move, delete, site or view
restriction saved, in any process). So each process keeps its recent answers for the current
generation and hands them to Wagtail's own ``serve`` view through the request attributes
Wagtail caches them in, and Wagtail does everything else as usual: view restrictions, the
``before_serve_page`` hooks, the page's own ``serve``. Only the view-restriction query is
spared for pages without any (``home.view_restrictions``): the check itself still runs.
"""

import threading
from collections import OrderedDict

from django.utils import translation
from wagtail import views as wagtail_views

from .page_cache import current_generation
from .view_restrictions import remember_if_unrestricted

# Paths are chosen by visitors (a confirmation link has a token in it): keep a bounded number.
MAX_ROUTES = 512


class RouteMemo:
    """Route results of one generation, the least recently used dropped first."""

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

    def clear(self):
        with self.lock:
            self.generation = None
            self.routes.clear()


memo = RouteMemo()


def serve(request, path):
    """Wagtail's page view, with the site and route of ``path`` remembered between changes."""
    generation = current_generation(request)
    # The path is relative to the language prefix: the language picks the page's translation.
    key = (request.get_host(), translation.get_language(), path)
    known = memo.get(generation, key) if generation is not None else None
    if known is not None:
        request._wagtail_site, request._wagtail_route_for_request, resolver_match = known
        if resolver_match is not None:
            request.routable_resolver_match = resolver_match
    response = wagtail_views.serve(request, path)
    route = getattr(request, "_wagtail_route_for_request", None)
    if known is None and generation is not None and route is not None:
        resolver_match = getattr(request, "routable_resolver_match", None)
        remember_if_unrestricted(route[0])
        memo.put(generation, key, (request._wagtail_site, route, resolver_match))
    return response
