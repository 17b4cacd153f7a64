import http.server
import os
import threading

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.seed import build_page_tree

from .cdn_helpers import PurgeRecorder
from .db_helpers import build_site_pages, kept_for_module
from .factories import UserFactory


@pytest.fixture(autouse=True, scope="session")
def _media_per_process():
    # Under pytest-xdist each worker uploads into its own folder: no two processes write, or
    # clean up, the same files.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with override_settings(MEDIA_ROOT=settings.MEDIA_ROOT / worker):
        yield


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    # A request to /es/ leaves Spanish active in the test's thread; the next test, whichever
    # it is, expects the default language.
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and stored pages live in the caches; each test starts with a clean slate.
    for cache in caches.all(initialized_only=False):
        cache.clear()
    yield
    for cache in caches.all(initialized_only=False):
        cache.clear()


@pytest.fixture
def site_pages(db):
    """A statement page as the default site's root, with Take Action and Join under it."""
    return build_site_pages()


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker):
    """The seeded site built once for a whole module (``kept_for_module``), which asks for it
    with ``pytestmark = pytest.mark.usefixtures("seeded_module")`` when every one of its tests
    reads the seeded site."""
    from signatories.seed import read_seed

    with kept_for_module(django_db_blocker):
        build_page_tree(read_seed().paragraphs)
        yield


@pytest.fixture
def seeded_site(request, db):
    """The site exactly as the seed command builds it, minus the signatories: built for this
    test, unless its module already holds one (``seeded_module``)."""
    from signatories.seed import read_seed

    if "seeded_module" not in request.fixturenames:
        build_page_tree(read_seed().paragraphs)
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def editor(db):
    """A superuser, for approvals and publishing."""
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def spanish_statement(site_pages, editor):
    """The statement translated into Spanish and published, served at /es/."""
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    Locale.objects.get_or_create(language_code="en")
    statement = site_pages["statement"]
    translation = statement.copy_for_translation(spanish)
    translation.title = "Nuestra declaración"
    translation.save_revision(user=editor).publish(user=editor)
    return Page.objects.get(pk=translation.pk).specific


@pytest.fixture
def purge_server():
    """A CDN on a local socket that answers PURGE; what it was asked to drop is in ``.purged``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def cdn(purge_server):
    """Wagtail's front-end cache purging through ``purge_server``: the (host, path) it purged."""
    location = f"http://127.0.0.1:{purge_server.server_address[1]}"
    backends = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        yield purge_server.purged
