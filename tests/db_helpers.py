"""Rows the tests build: the minimal site, and what a module keeps for all its tests."""

from contextlib import contextmanager

import pytest
from django.db import transaction
from wagtail.models import Page, Site

from .factories import JoinPageFactory, StatementPageFactory, TakeActionPageFactory


def build_site_pages():
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


@contextmanager
def kept_for_module(django_db_blocker):
    """Rows a module-scoped fixture builds once for all its module's tests, which would take
    seconds to build for each one.

    As in Django's ``TestCase.setUpTestData``: they are written in a transaction left open for
    the module, so each test's own transaction is a savepoint in it, rolled back after the
    test, and the rows themselves are rolled back after the module. Not for modules with
    ``transaction=True`` tests, which would flush them.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def fixture_built_once_per_module(build):
    """A module-scoped fixture of what ``build()`` returns, built once for the module's tests
    (``kept_for_module``), which each run in a savepoint rolled back after them. The module
    still marks its tests ``django_db``."""

    @pytest.fixture(scope="module")
    def built(django_db_setup, django_db_blocker):
        with kept_for_module(django_db_blocker):
            yield build()

    return built
