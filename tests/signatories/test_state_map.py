"""The map of who signed: counts per state, shading classes, the SVG, its table and its cost."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home.blocks import statement_body_blocks, take_action_body_blocks
from signatories import state_map
from signatories.blocks import StateMapBlock
from signatories.choices import State
from signatories.tile_grid import STATE_TILES, TILES

from ..factories import JoinRequestFactory, SignatoryFactory

MAP = {"heading": "Where the signatories are", "intro": "Select a state."}
LIST = {"heading": "Signatories", "show_count": True, "show_jump_navigation": True}
CSS = Path(settings.BASE_DIR) / "campaign" / "static" / "css" / "state_map.css"


def put_map_on(page, with_list):
    blocks = [("paragraph", "<p>We stand together.</p>"), ("state_map", MAP)]
    if with_list:
        blocks.append(("signatory_list", LIST))
    page.body = blocks
    page.save_revision().publish()


@pytest.fixture
def signed(db):
    """3 published in California, 1 in Texas, 2 national; drafts and requests that must not
    count."""
    SignatoryFactory.create_batch(3, state="CA")
    SignatoryFactory(state="TX")
    SignatoryFactory.create_batch(2, national=True)
    SignatoryFactory(state="CA", live=False)  # a draft, never published
    unpublished = SignatoryFactory(state="NY")
    unpublished.unpublish()
    JoinRequestFactory(state="WA")  # pending: not a signatory
    return {"CA": 3, "TX": 1, "national": 2}


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def map_links(soup):
    return {a["data-state"]: a for a in soup.select("svg.state-map__svg a")}


# --- the data -------------------------------------------------------------------------------


def test_counts_include_only_published_signatories_in_one_query(signed, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = state_map.published_counts()
    assert counts == signed


def test_every_state_and_territory_has_its_own_tile():
    assert set(TILES) == set(State.values)
    assert len(STATE_TILES) == 51  # the 50 states and DC
    assert len(set(TILES.values())) == len(TILES), "two tiles on one square"


@pytest.mark.parametrize(
    ("count", "bucket"),
    [(0, 0), (1, 1), (2, 2), (4, 2), (5, 3), (9, 3), (10, 4), (1000, 4)],
)
def test_shading_buckets(count, bucket):
    assert state_map.bucket_index(count) == bucket


def test_legend_labels_name_every_range():
    assert [item["label"] for item in state_map.legend()] == ["0", "1", "2–4", "5–9", "10 or more"]


def test_only_states_with_signatories_link_and_they_link_to_their_section():
    tiles = {tile.code: tile for tile in state_map.map_tiles({"CA": 12, "DC": 1}, "/statement/")}
    assert tiles["CA"].href == "/statement/#state-ca"
    assert tiles["DC"].href == "/statement/#state-dc"
    assert tiles["CA"].label == "California: 12 organizations"
    assert tiles["DC"].label == "District of Columbia: 1 organization"
    assert tiles["WY"].href is None
    assert tiles["WY"].label == "Wyoming: 0 organizations"
    unlinked = state_map.map_tiles({"CA": 12}, None)
    assert all(tile.href is None for tile in unlinked)


# --- the rendered block ---------------------------------------------------------------------


def test_statement_map_links_each_state_to_its_section_of_the_list(client, site_pages, signed):
    put_map_on(site_pages["statement"], with_list=True)
    soup = soup_of(client.get("/"))
    links = map_links(soup)
    assert set(links) == {"CA", "TX"}
    assert links["CA"]["href"] == "#state-ca"
    assert links["CA"]["aria-label"] == "California: 3 organizations"
    assert links["CA"].title.string == "California: 3 organizations"
    assert links["TX"]["aria-label"] == "Texas: 1 organization"
    for link in links.values():
        assert soup.find(id=link["href"][1:]), f"no section for {link['href']}"
    # States without signatories are named for screen readers but are not links.
    wyoming = soup.select_one('svg g[data-state="WY"]')
    assert wyoming["role"] == "img"
    assert wyoming["aria-label"] == "Wyoming: 0 organizations"
    national = soup.select_one(".state-map__national a")
    assert national["href"] == "#national"
    assert "Plus 2 national organizations" in national.get_text()


def test_every_tile_shows_its_code_and_number_without_hover(client, site_pages, signed):
    put_map_on(site_pages["statement"], with_list=True)
    soup = soup_of(client.get("/"))
    tiles = soup.select(".state-map__tile")
    assert len(tiles) == len(TILES)
    numbers = {tile["data-state"]: tile.select_one(".state-map__count").string for tile in tiles}
    assert numbers["CA"] == "3" and numbers["TX"] == "1" and numbers["WY"] == "0"
    # Nothing hides the number until a hover or focus.
    css = CSS.read_text()
    assert not re.search(r"\.state-map__count\s*\{[^}]*opacity:\s*0", css)


def test_the_focus_ring_of_an_edge_tile_fits_inside_the_map():
    left, top, width, height = (int(n) for n in state_map.VIEW_BOX.split())
    ring = state_map.RING_SIZE
    for tile in state_map.map_tiles({}):
        assert tile.ring_x >= left and tile.ring_y >= top, tile.code
        assert tile.ring_x + ring <= left + width and tile.ring_y + ring <= top + height


def test_take_action_map_links_to_the_statement_page(client, site_pages, signed):
    put_map_on(site_pages["take_action"], with_list=False)
    statement_url = site_pages["statement"].url
    links = map_links(soup_of(client.get(site_pages["take_action"].url)))
    assert links["CA"]["href"] == f"{statement_url}#state-ca"
    assert links["TX"]["href"] == f"{statement_url}#state-tx"
    statement = soup_of(client.get(statement_url))
    assert statement.find(id="state-ca"), "the statement page has the anchor the map links to"


def test_table_has_the_same_counts_as_the_map(client, site_pages, signed):
    put_map_on(site_pages["statement"], with_list=True)
    soup = soup_of(client.get("/"))
    rows = {
        row.th.get_text(strip=True): int(row.td.get_text(strip=True))
        for row in soup.select(".state-map__data tbody tr")
    }
    expected = {str(state.label): signed.get(state.value, 0) for state in State}
    assert rows == expected
    assert soup.select_one(".state-map__data summary"), "the table is reachable without script"


def test_map_shows_a_new_signatory_as_soon_as_it_is_published(client, site_pages, signed):
    put_map_on(site_pages["statement"], with_list=True)
    assert "TX" in map_links(soup_of(client.get("/")))
    assert "NV" not in map_links(soup_of(client.get("/")))
    SignatoryFactory(state="NV")
    links = map_links(soup_of(client.get("/")))
    assert links["NV"]["aria-label"] == "Nevada: 1 organization"


def test_editor_text_is_escaped(client, site_pages, signed):
    statement = site_pages["statement"]
    statement.body = [("state_map", {"heading": "<script>x</script>", "intro": "<b>hi</b>"})]
    statement.save_revision().publish()
    content = client.get("/").content.decode()
    assert "<script>x</script>" not in content
    assert "&lt;script&gt;x&lt;/script&gt;" in content
    assert "&lt;b&gt;hi&lt;/b&gt;" in content


def queries_to_render(page):
    """Queries to render ``page``'s body for a new request (the page itself is not fetched)."""
    context = {"page": page, "request": RequestFactory().get("/")}
    with CaptureQueriesContext(connection) as queries:
        for child in page.body:
            child.render(context=context)
    return len(queries)


def test_the_map_costs_no_query_beside_the_list_cached_or_not(site_pages, signed):
    statement = site_pages["statement"]
    statement.body = [("signatory_list", LIST)]
    queries_to_render(statement)  # fills the list's cache
    list_alone = queries_to_render(statement)
    assert list_alone == 0  # keyed by the cache generation: no query
    statement.body = [("signatory_list", LIST), ("state_map", MAP)]
    queries_to_render(statement)
    # Cached: the map costs nothing either.
    assert queries_to_render(statement) == list_alone
    # After a change both are rebuilt: the map's part is its one GROUP BY query.
    statement.body = [("signatory_list", LIST)]
    SignatoryFactory(state="OR")
    list_rebuilt = queries_to_render(statement)
    statement.body = [("signatory_list", LIST), ("state_map", MAP)]
    SignatoryFactory(state="OR")
    assert queries_to_render(statement) == list_rebuilt


def test_block_meta_and_preview_render_without_a_page(site_pages, signed):
    block = StateMapBlock()
    assert block.meta.icon and block.meta.description and block.meta.preview_value
    assert block.meta.template == "blocks/state_map_block.html"
    for child in block.child_blocks.values():
        assert child.field.help_text
    html = block.render(block.to_python(block.meta.preview_value))
    assert 'aria-label="California: 3 organizations"' in html


def test_both_page_types_offer_the_map():
    assert "state_map" in dict(statement_body_blocks())
    assert "state_map" in dict(take_action_body_blocks())


# --- colour contrast (WCAG 2.2 AA) ----------------------------------------------------------


def css_colours():
    return dict(re.findall(r"--state-map-([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text()))


def luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def light_text_buckets():
    rule = re.search(r"([^{}]*)\{\s*fill: var\(--state-map-light-text\)", CSS.read_text())
    return {int(b) for b in re.findall(r"--b(\d) text", rule.group(1))}


def test_shaded_states_stand_out_from_the_panel():
    colours = css_colours()
    for index in range(1, len(state_map.BUCKETS)):
        assert contrast(colours[f"b{index}"], colours["panel"]) >= 3, f"bucket {index}"
    # Unshaded states are outlined, and the focus ring is visible on the panel.
    assert contrast(colours["b0-edge"], colours["panel"]) >= 3
    assert contrast(colours["ring"], colours["panel"]) >= 3


def test_neighbouring_shades_can_be_told_apart():
    colours = css_colours()
    for index in range(2, len(state_map.BUCKETS)):
        lighter, darker = colours[f"b{index - 1}"], colours[f"b{index}"]
        assert contrast(lighter, darker) >= 1.5, f"buckets {index - 1} and {index}"


def test_state_codes_are_readable_on_every_fill():
    colours = css_colours()
    light = light_text_buckets()
    for index in range(len(state_map.BUCKETS)):
        text = colours["light-text" if index in light else "dark-text"]
        assert contrast(text, colours[f"b{index}"]) >= 4.5, f"bucket {index}"


def test_a_tile_escapes_what_it_writes_into_the_svg():
    tile = {t.code: t for t in state_map.map_tiles({"CA": 3}, '/a"b<c>/')}["CA"]
    svg = str(tile.svg())
    assert 'href="/a&quot;b&lt;c&gt;/#state-ca"' in svg
    assert '<a class="state-map__tile state-map__tile--b2"' in svg
    assert "<title>California: 3 organizations</title>" in svg
    assert '<g class="state-map__tile' in str(state_map.map_tiles({}, "/")[0].svg())
