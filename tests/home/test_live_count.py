"""The live count of signatories near the top of the statement: what it counts, where it links,
what it costs, and when it is shown."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from signatories.choices import Level

from ..factories import JoinRequestFactory, SignatoryFactory


def test_count_near_the_top_counts_published_signatories_and_links_to_the_list(client, site):
    SignatoryFactory.create_batch(3, state="CA")
    SignatoryFactory(level=Level.NATIONAL, state="")
    SignatoryFactory(name="Draft Org", state="CA", live=False)
    JoinRequestFactory(name="Waiting Org")

    html = client.get("/").content.decode()

    top = re.search(r'<p class="signed-count"><a href="([^"]+)">([^<]+)</a></p>', html)
    assert top, "no count near the top"
    assert top.group(1) == "#signatories"
    assert top.group(2) == "4 organizations have signed"
    assert 'id="signatories"' in html
    assert html.index('class="signed-count"') < html.index('id="signatories"')
    assert html.index("<h1") < html.index('class="signed-count"')


def test_count_near_the_top_costs_no_query_of_its_own(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    SignatoryFactory.create_batch(2)
    client.get("/")  # the list's HTML is now cached

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()

    signatory_queries = [q["sql"] for q in queries if '"signatories_signatory"' in q["sql"]]
    # The count is cached with the list, for the cache generation.
    assert signatory_queries == []
    assert "2 organizations have signed</a>" in html


def test_count_near_the_top_follows_the_blocks_show_count_option(client, site):
    statement = site["statement"]
    statement.body = [
        ("signatory_list", {"heading": "Signatories", "show_count": False}),
    ]
    statement.save_revision().publish()
    SignatoryFactory()

    assert 'class="signed-count"' not in client.get("/").content.decode()


def test_pages_without_the_list_show_no_count(client, site):
    SignatoryFactory()
    assert 'class="signed-count"' not in client.get("/take-action/").content.decode()
