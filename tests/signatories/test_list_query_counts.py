"""What the statement page and the list block cost in queries: no more with 2,000 signatories
than with 156, within budget in both languages and right after an approval, nothing while the
list is cached, and never a stale list."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from signatories.blocks import SignatoryListBlock
from signatories.choices import State
from signatories.models import Signatory
from signatories.seed import load_signatories, read_seed

from ..factories import SignatoryFactory
from .signatory_list import block_value, heading_labels

pytestmark = pytest.mark.usefixtures("no_whole_page_cache")


# Measured: "/" for an anonymous visitor with every cache empty takes the same number of
# queries with 156 signatories and with 2,000: 9 on the minimal test site, 10 on the seeded
# one, whose paragraphs link to pages (home/rich_text.py resolves all such links in one query).
# Of those, one asks whether any page is private (campaign/view_restrictions.py: once per
# generation; while none is, Wagtail's view-restriction check costs nothing), and Wagtail's
# routing looks up the active Locale (1). Emptying every cache also drops Wagtail's site root
# paths (2 of those queries) and the routes remembered for the generation; after a real
# change to the list, see test_home_page_after_an_approval_stays_within_budget. One more reads
# the organizer settings (home/organizer.py: once per generation, with the logo and the About
# and Privacy pages in the same query).
MAX_QUERIES_FOR_HOME = {"site_pages": 9, "seeded_site": 10}
# /es/: Wagtail's routing finding the site root's Spanish translation, and the Spanish
# translations of the organizer's About and Privacy pages (one query).
MAX_QUERIES_FOR_SPANISH_HOME = 12
# The budget is 10 (docs/performance.md); measured: 8.
MAX_QUERIES_AFTER_APPROVAL = 8


def bulk_signatories(total):
    """``total`` published signatories spread over National and every state."""
    groups = [("national", "")] + [("state", code) for code in State.values]
    objs = []
    for number in range(total):
        level, state = groups[number % len(groups)]
        obj = Signatory(name=f"Bulk Organization {number:05d}", level=level, state=state, live=True)
        obj.derive_fields()
        objs.append(obj)
    return objs


def clear_caches():
    for each in caches.all():
        each.clear()


def count_home_queries(client):
    """Queries for "/" with every cache empty (the benchmark's "cold"): the cost when the list
    has just changed and a new page cache generation has begun."""
    clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture(params=["site_pages", "seeded_site"])
def home_with_seed_list(db, request):
    """The seed's 156 signatories on either test site: the minimal one or the seeded one."""
    request.getfixturevalue(request.param)
    load_signatories(read_seed().signatories)
    return request.param


def test_home_page_query_count_does_not_grow_with_the_list(client, home_with_seed_list):
    client.get("/")  # warm up per-process caches (site root paths)

    small, content = count_home_queries(client)
    assert "156 organizations have signed" in content

    Signatory.objects.bulk_create(bulk_signatories(2000 - 156))
    assert Signatory.objects.published().count() == 2000
    large, content = count_home_queries(client)
    assert "2000 organizations have signed" in content
    assert "Bulk Organization 01843" in content
    assert len(heading_labels(content)) == 1 + len(State.values)

    assert small == large, f"GET / took {small} queries with 156 and {large} with 2,000"
    assert large <= MAX_QUERIES_FOR_HOME[home_with_seed_list]


def test_home_page_query_bound_with_2000(
    client, home_with_seed_list, django_assert_max_num_queries
):
    client.get("/")  # warm up per-process lookups (content types, locales)
    Signatory.objects.bulk_create(bulk_signatories(2000 - 156))
    clear_caches()
    with django_assert_max_num_queries(MAX_QUERIES_FOR_HOME[home_with_seed_list]):
        response = client.get("/")
    assert "2000 organizations have signed" in response.content.decode()


@pytest.mark.slow
def test_statement_with_map_and_list_stays_within_budget_at_10000(
    client, seeded_site, django_assert_max_num_queries
):
    """The seeded statement (the map between the text and the list) at the size the list is
    built for, with every cache empty, and a search of it (which no cache stores)."""
    load_signatories(read_seed().signatories)
    Signatory.objects.bulk_create(bulk_signatories(10_000 - 156))
    client.get("/")  # warm up per-process lookups (content types, locales)
    clear_caches()
    with django_assert_max_num_queries(MAX_QUERIES_FOR_HOME["seeded_site"]):
        response = client.get("/")
    content = response.content.decode()
    assert "10000 organizations have signed" in content
    assert 'class="state-map"' in content and "Bulk Organization 09843" in content

    clear_caches()
    with django_assert_max_num_queries(MAX_QUERIES_FOR_HOME["seeded_site"]):
        response = client.get("/", {"q": "bulk organization 09843"})
    content = response.content.decode()
    assert "1 organization matches" in content
    assert "Bulk Organization 09842" not in content


@pytest.fixture
def english_afterwards():
    # A request to /es/ leaves Spanish active in this thread; later tests expect the default.
    yield
    translation.deactivate()


def test_spanish_home_page_query_bound(
    client, seeded_site, english_afterwards, django_assert_max_num_queries
):
    """/es/ with every cache empty: Wagtail's routing also finds the Spanish home page."""
    load_signatories(read_seed().signatories)
    client.get("/es/")  # warm up per-process lookups (content types, locales)
    clear_caches()
    with django_assert_max_num_queries(MAX_QUERIES_FOR_SPANISH_HOME):
        response = client.get("/es/")
    assert response.status_code == 200
    assert "156 organizaciones han firmado" in response.content.decode()


def test_block_context_costs_exactly_one_query(django_assert_num_queries, db):
    load_signatories(read_seed().signatories)
    value = block_value()
    with django_assert_num_queries(1):
        context = SignatoryListBlock().get_context(value)
        groups = list(context["groups"])
        members = [s.name for group in groups for s in group.members]
        notes = [s.note for group in groups for s in group.members if s.note]
        links = [link.label for link in context["jump_links"]]
    assert context["signatory_count"] == 156
    assert len(members) == 156
    assert len(notes) == 2
    assert links == [group.label for group in groups]
    assert groups[0].label == "National"


def test_block_context_without_jump_navigation(django_assert_num_queries, db):
    SignatoryFactory(name="Casa Latina", state="WA")
    SignatoryFactory(name="Unlisted", state="WA", live=False)
    with django_assert_num_queries(1):
        context = SignatoryListBlock().get_context(block_value(show_jump_navigation=False))
    assert context["jump_links"] == []
    assert context["signatory_count"] == 1
    assert [[s.name for s in g.members] for g in context["groups"]] == [["Casa Latina"]]


def test_cached_list_costs_no_query_and_never_goes_stale(client, site_pages):
    load_signatories(read_seed().signatories)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        cached_page = client.get("/").content.decode()
    # The list and its count come from the cache, built once per generation.
    list_queries = [q["sql"] for q in queries if '"signatories_signatory"' in q["sql"]]
    assert list_queries == []
    assert "156 organizations have signed" in cached_page

    newcomer = SignatoryFactory(name="Tucson Sanctuary Network", state="AZ")
    page = client.get("/").content.decode()
    assert "Tucson Sanctuary Network" in page and "157 organizations" in page

    newcomer.unpublish()
    page = client.get("/").content.decode()
    assert "Tucson Sanctuary Network" not in page and "156 organizations" in page

    Signatory.objects.filter(name="ASISTA").delete()
    assert "ASISTA" not in client.get("/").content.decode()


def test_home_page_after_an_approval_stays_within_budget(client, seeded_site):
    """The issue's budget (at most 10 queries for the statement page), the list just changed."""
    load_signatories(read_seed().signatories)
    client.get("/")  # what any earlier visitor left cached

    SignatoryFactory(name="Newly Approved Coalition", state="OR")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert "Newly Approved Coalition" in response.content.decode()
    assert len(queries) <= MAX_QUERIES_AFTER_APPROVAL, [
        query["sql"][:80] for query in queries.captured_queries
    ]
