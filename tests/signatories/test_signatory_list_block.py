"""The signatory list block and the page it renders: count, state headings and jump links,
their options, what is listed and how, and the fields the block loads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signatories.blocks import SignatoryListBlock
from signatories.choices import State
from signatories.models import Signatory
from signatories.seed import load_signatories, read_seed

from ..factories import SignatoryFactory
from .signatory_list import block_value, heading_labels, jump_links

pytestmark = pytest.mark.usefixtures("no_whole_page_cache")


def set_block_options(statement, **options):
    statement.body = [
        ("paragraph", "<p>We stand together.</p>"),
        (
            "signatory_list",
            {"heading": "Signatories", "show_count": True, "show_jump_navigation": True, **options},
        ),
    ]
    statement.save()


@pytest.fixture
def seeded_list(site_pages):
    created, present = load_signatories(read_seed().signatories)
    assert (created, present) == (156, 0)
    return site_pages


def test_page_shows_count_headings_and_jump_links(client, seeded_list):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()

    assert '<p class="signatories__count">156 organizations have signed</p>' in content
    headings = heading_labels(content)
    assert headings[0] == "National"
    assert headings[1] == "Alaska"
    assert headings[-1] == "Wisconsin"
    assert len(headings) == 32
    expected = [str(label) for code, label in State.choices if Signatory.objects.filter(state=code)]
    assert headings[1:] == expected
    assert headings.index("Illinois") < headings.index("Iowa")
    assert headings.index("District of Columbia") < headings.index("Florida")

    # National and every state present, each by its full name, in the list's order.
    links = jump_links(content)
    assert links[0] == ("#national", "National")
    assert [text for _, text in links] == headings
    assert links[-1] == ("#state-wi", "Wisconsin")
    # Every link target exists on the page.
    for anchor, _ in jump_links(content):
        assert f'id="{anchor[1:]}"' in content
    assert '<section class="signatory-group" id="national"' in content


def test_unpublished_signatories_are_not_listed_or_counted(client, seeded_list):
    Signatory.objects.get(name="Voces de la Frontera").unpublish()
    content = client.get("/").content.decode()
    assert "155 organizations have signed" in content
    assert "Voces de la Frontera" not in content
    assert "Wisconsin" not in heading_labels(content)
    assert heading_labels(content)[-1] == "Washington"


def test_jump_navigation_can_be_turned_off(client, seeded_list):
    set_block_options(seeded_list["statement"], show_jump_navigation=False)
    content = client.get("/").content.decode()
    assert jump_links(content) is None
    assert 'href="#state-ak"' not in content and 'href="#national"' not in content
    # The list itself is still there.
    assert heading_labels(content)[:2] == ["National", "Alaska"]
    assert "156 organizations have signed" in content


def test_count_can_be_turned_off(client, seeded_list):
    set_block_options(seeded_list["statement"], show_count=False)
    content = client.get("/").content.decode()
    assert "organizations have signed" not in content
    assert "signatories__count" not in content
    assert jump_links(content)[0] == ("#national", "National")


def test_count_uses_singular_for_one(client, site_pages):
    SignatoryFactory(name="Casa Latina", state="WA")
    content = client.get("/").content.decode()
    assert "1 organization has signed" in content


def test_empty_list_says_so(client, site_pages):
    content = client.get("/").content.decode()
    assert "No organizations are listed yet." in content
    assert "0 organizations have signed" in content
    assert jump_links(content) is None


def test_website_is_a_link_and_note_is_shown(client, site_pages):
    SignatoryFactory(name="Casa Latina", state="WA", website="https://casa-latina.org/")
    SignatoryFactory(
        name="Stanford Law School Clinic", state="CA", note="for identification purposes only"
    )
    SignatoryFactory(name="Plain Group", state="CA")
    content = client.get("/").content.decode()
    assert (
        '<li><a href="https://casa-latina.org/" rel="nofollow noopener">Casa Latina</a></li>'
        in content
    )
    assert (
        "<li>Stanford Law School Clinic "
        '<span class="signatory__note">(for identification purposes only)</span></li>'
    ) in content
    assert "<li>Plain Group</li>" in content


def test_names_and_notes_are_escaped(client, site_pages):
    SignatoryFactory(name="<script>alert(1)</script> & Co", state="CA", note="<b>x</b>")
    content = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in content
    assert "(&lt;b&gt;x&lt;/b&gt;)" in content


def test_block_loads_only_the_public_fields(db):
    SignatoryFactory(name="Casa Latina", state="WA", city="Seattle")
    with CaptureQueriesContext(connection) as queries:
        context = SignatoryListBlock().get_context(block_value())
    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert '"name"' in sql
    assert '"city"' not in sql
    assert '"created_at"' not in sql
    assert [[s.name for s in g.members] for g in context["groups"]] == [["Casa Latina"]]
