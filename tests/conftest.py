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
from .factories import JoinPageFactory, StatementPageFactory, TakeActionPageFactory, UserFactory


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
    root = Page.get_first_root_node()
    statement = StatementPageFactory(parent=root, slug="statement")
    statement.body = [
        ("paragraph", "<p>We stand together.</p>"),
        (
            "signatory_list",
            {"heading": "Signatories", "show_count": True, "show_jump_navigation": True},
        ),
    ]
    statement.save()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=statement, is_default_site=True)
    take_action = TakeActionPageFactory(parent=statement)
    join = JoinPageFactory(parent=statement)
    return {"statement": statement, "take_action": take_action, "join": join}


@pytest.fixture
def seeded_site(db):
    """The site exactly as the seed command builds it, minus the signatories."""
    from signatories.seed import read_seed

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
