"""The journeys' fixtures: the production stack, Chromium, and the people who use the site.

`make test-e2e` runs this folder with pytest-django switched off: the site runs in gunicorn
under the production settings, and this process reads and writes the same database through
the ORM (to set up editors and check what a journey stored), configured exactly like the site.
"""

import os
import re
import secrets
import shutil
from pathlib import Path

import pytest

from .stack import CHROMIUM_ARGS, ROOT, Stack

# Playwright's sync API keeps an event loop running in this thread; the ORM calls made beside
# it are plain synchronous ones, never from a coroutine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
E2E_DIR = Path(os.environ.get("E2E_DIR") or ROOT / "var" / "e2e").resolve()
SCREENSHOT_DIR = E2E_DIR / "screenshots"

_stack = None


def pytest_configure(config):
    """Build the stack's configuration and point this process's Django at it, before any
    test module imports a model."""
    global _stack
    import django

    shutil.rmtree(E2E_DIR, ignore_errors=True)
    SCREENSHOT_DIR.mkdir(parents=True)
    _stack = Stack(
        E2E_DIR / "var",
        database_url=os.environ.get("DATABASE_URL", ""),
        redis_url=os.environ.get("REDIS_URL", ""),
    )
    os.environ.update(_stack.env)
    django.setup()


def pytest_unconfigure(config):
    if _stack is not None:
        from django.db import connections

        connections.close_all()
        _stack.close()


def pytest_report_header(config):
    if _stack is not None:
        database = _stack.database.url.split(":")[0]
        cache = "Redis" if _stack.env.get("REDIS_URL") else "the box cache in var/"
        return [f"e2e: {_stack.url} on {database}, cache {cache}, files in {E2E_DIR}"]
    return []


@pytest.fixture(scope="session")
def stack():
    """The site as deployed: migrated, static files collected, seeded, serving."""
    _stack.prepare()
    _stack.start()
    yield _stack
    _stack.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed and _stack is not None:
        report.sections.append(("production stack", _stack.failure_report()))
    return report


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM_PATH).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}: `make test-e2e` installs Debian's chromium "
            "package when run as root; or set CHROMIUM_PATH."
        )
    from playwright.sync_api import expect, sync_playwright

    # Two shared cores run gunicorn, the worker, the database and the browser.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# A common phone: 390 CSS pixels wide, its first screen 844 high.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _new_tab(browser, stack, device=DESKTOP):
    context = browser.new_context(base_url=stack.url, **device)
    context.set_default_timeout(20_000)
    return context, context.new_page()


@pytest.fixture
def page(request, browser, stack):
    """A fresh browser (no cookies) on the site; its last view is kept as a screenshot."""
    context, tab = _new_tab(browser, stack)
    yield tab
    screenshot(tab, request.node.name)
    context.close()


@pytest.fixture
def second_page(request, browser, stack):
    """Another person's browser, beside ``page``."""
    context, tab = _new_tab(browser, stack)
    yield tab
    screenshot(tab, request.node.name + "-second")
    context.close()


@pytest.fixture
def phone_page(request, browser, stack):
    """A browser on a phone's screen (390 × 844, touch)."""
    context, tab = _new_tab(browser, stack, PHONE)
    yield tab
    screenshot(tab, request.node.name + "-phone")
    context.close()


def screenshot(tab, name):
    safe = re.sub(r"[^\w.-]+", "-", name).strip("-")
    try:
        tab.screenshot(path=SCREENSHOT_DIR / f"{safe}.png")
    except Exception as error:  # noqa: BLE001 - a closed tab must not hide the test's result
        print(f"no screenshot for {name}: {error}")  # noqa: T201


class Person:
    """A user account as the journeys log in with it."""

    def __init__(self, user, password):
        self.user = user
        self.username = user.username
        self.password = password


def make_person(username, groups=(), superuser=False):
    from django.contrib.auth.models import Group, User

    password = secrets.token_urlsafe(16)
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=password,
        is_superuser=superuser,
        is_staff=superuser,
    )
    user.groups.set([Group.objects.get(name=name) for name in groups])
    return Person(user, password)


@pytest.fixture(scope="session")
def people(stack):
    """One account per role, as an administrator would set them up."""
    return {
        "signatory_editor": make_person("sam-signatories", ["Signatory editors"]),
        "communications": make_person("casey-comms", ["Communications"]),
        "reviewer": make_person("riley-review", ["Reviewers"]),
        "administrator": make_person("ada-admin", superuser=True),
    }


def log_in(page, person):
    from playwright.sync_api import expect

    page.goto("/admin/login/")
    page.fill("#id_username", person.username)
    page.fill("#id_password", person.password)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
