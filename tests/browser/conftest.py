"""Browser fixtures: the seeded site on a live server, and Debian's Chromium driven by Playwright.

Run with `make test-browser`; every test here skips with a reason when Chromium or Playwright is
missing, so a machine without them still passes.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an asyncio event loop running in the test's thread, and Django
# refuses database calls from a thread with a running loop. Here the calls are safe: the loop
# only waits on the browser and no coroutine ever touches the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the `browser` extra is not installed
    sync_playwright = None
else:
    # Two shared cores run the server and the browser: give assertions the actions' margin.
    expect.set_options(timeout=10_000)

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}


def _missing_reason():
    if sync_playwright is None:
        return "Playwright is not installed: `make test-browser` installs the `browser` extra."
    if not (Path(CHROMIUM_PATH).is_file() or shutil.which(CHROMIUM_PATH)):
        return (
            f"Chromium not found at {CHROMIUM_PATH}: `make test-browser` installs Debian's "
            "`chromium` package when run as root, or set CHROMIUM_PATH."
        )
    return None


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (Playwright's own browser download is not
    used: it cannot be fetched here)."""
    reason = _missing_reason()
    if reason:
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def seeded_live_site(live_server, django_db_serialized_rollback):
    """The live server's URL, with the site exactly as `seed_campaign` builds it.

    The live server needs a transactional database, which is emptied after each test; the
    serialized rollback puts back what migrations created (root page, groups, workflow).
    """
    call_command("seed_campaign", "--no-dev-admin", stdout=io.StringIO())
    return live_server.url


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport_name(request):
    return request.param


@pytest.fixture
def page(browser, seeded_live_site, viewport_name):
    """A fresh browser tab on the seeded site, at a phone's or a desktop's size."""
    context = browser.new_context(base_url=seeded_live_site, **VIEWPORTS[viewport_name])
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
