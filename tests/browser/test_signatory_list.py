"""The list of who signed in Chromium, on a phone and a desktop: the filter as you type and
without script, the jump links to National and every state, and the map by touch and by
keyboard."""

import itertools
import re

import pytest

from signatories.models import Signatory

from .conftest import SCREENSHOT_DIR
from .helpers import has_horizontal_scroll, outside_viewport, tab_to, visible_texts

expect = pytest.importorskip("playwright.sync_api", reason="the `browser` extra").expect

pytestmark = pytest.mark.browser

FILTER = "#list-filter-q"
STATUS = ".list-filter__status"
NAMES = ".signatory-group__list li"


def names_with(*words):
    return sorted(
        signatory.name
        for signatory in Signatory.objects.published()
        if all(word in signatory.name.lower() for word in words)
    )


def test_typing_in_the_filter_narrows_the_list_and_says_how_many_match(page):
    page.goto("/")
    total = Signatory.objects.published().count()
    expect(page.locator(NAMES)).to_have_count(total)

    page.locator(FILTER).press_sequentially("immigrant justice")
    wanted = names_with("immigrant", "justice")
    assert len(wanted) >= 2
    expect(page.locator(STATUS)).to_have_text(f"{len(wanted)} organizations match.")
    assert sorted(visible_texts(page, NAMES)) == wanted
    # Groups and jump links with nothing left are hidden with their names.
    shown_groups = visible_texts(page, ".signatory-group h3")
    assert "Alaska" not in shown_groups
    assert visible_texts(page, ".jump-nav a") == shown_groups
    # Enter does not send the form: the narrowed list stays, and no search reaches the server.
    page.locator(FILTER).press("Enter")
    expect(page).to_have_url(re.compile(r"/(#signatories)?$"))

    page.locator(FILTER).fill("zzzz no such group")
    expect(page.locator(STATUS)).to_contain_text("No organization matches")
    assert visible_texts(page, NAMES) == []

    page.locator(FILTER).fill("")
    expect(page.locator(STATUS)).to_have_text("")
    assert len(visible_texts(page, NAMES)) == total
    assert not has_horizontal_scroll(page)


def test_without_script_the_filter_asks_the_server(browser, seeded_live_site):
    context = browser.new_context(base_url=seeded_live_site, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        page.locator(FILTER).fill("texas")
        page.locator(FILTER).press("Enter")
        expect(page).to_have_url(re.compile(r"/\?q=texas#signatories$"))
        texas = Signatory.objects.published().filter(state="TX").count()
        assert texas > 0
        expect(page.locator(STATUS)).to_have_text(f"{texas} organizations match “texas”.")
        expect(page.locator(".signatory-group h3")).to_have_text(["Texas"])
        page.get_by_role("link", name=re.compile(r"^Show all \d+ organizations$")).click()
        expect(page.locator(NAMES)).to_have_count(Signatory.objects.published().count())
    finally:
        context.close()


@pytest.mark.parametrize("viewport_name", ["phone"])
def test_on_a_phone_every_jump_link_is_on_screen_and_a_jump_marks_its_group(page):
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")
    links = page.locator("nav.jump-nav a")
    labels = links.all_inner_texts()
    groups = page.locator(".signatory-group h3").all_inner_texts()
    assert labels == groups and labels[0] == "National"
    # Wrapped onto rows, nothing past the right edge, every link a full tap target.
    assert outside_viewport(page, "nav.jump-nav a") == []
    assert not has_horizontal_scroll(page)
    for box in links.evaluate_all("as => as.map(a => a.getBoundingClientRect().height)"):
        assert box >= 44

    page.get_by_role("link", name="New Mexico", exact=True).tap()
    expect(page).to_have_url(re.compile(r"#state-nm$"))
    heading = page.locator("#state-nm-heading")
    expect(heading).to_be_in_viewport()
    # The group reached is marked, and no other.
    expect(heading).not_to_have_css("background-color", "rgba(0, 0, 0, 0)")
    expect(page.locator("#state-ny-heading")).to_have_css("background-color", "rgba(0, 0, 0, 0)")


def test_each_group_is_a_block_across_the_list_never_a_column_beside_another(page):
    page.goto("/")
    boxes = page.locator(".signatory-group").evaluate_all(
        "sections => sections.map(s => { const b = s.getBoundingClientRect(); "
        "return [b.left, b.width, b.top, b.bottom]; })"
    )
    list_box = page.locator(".signatory-groups").bounding_box()
    for left, width, _top, _bottom in boxes:
        assert abs(left - list_box["x"]) < 1 and abs(width - list_box["width"]) < 1
    # Stacked in the list's order, each below the one before.
    assert all(after[2] >= before[3] - 1 for before, after in itertools.pairwise(boxes))


def test_a_jump_by_keyboard_lands_on_its_group_with_a_visible_focus_ring(page):
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")
    tab_to(page, 'nav.jump-nav a[href="#state-ca"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#state-ca$"))
    expect(page.locator("#state-ca")).to_be_focused()
    expect(page.locator("#state-ca-heading")).to_be_in_viewport()
    expect(page.locator("#state-ca-heading")).to_have_css("outline-style", "solid")
    # Tab goes on from there, not back to the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate(
        """() => !!(document.querySelector('#state-ca').compareDocumentPosition(
            document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)"""
    )


@pytest.mark.parametrize("viewport_name", ["phone"])
def test_on_a_phone_the_map_shows_every_number_and_a_tap_goes_to_the_state(page):
    california = Signatory.objects.published().filter(state="CA").count()
    page.goto("/")
    tile = page.locator('a.state-map__tile[data-state="CA"]')
    tile.scroll_into_view_if_needed()
    # The number is there without a hover, which a phone does not have.
    count = tile.locator(".state-map__count")
    expect(count).to_have_text(str(california))
    expect(count).to_have_css("opacity", "1")
    expect(page.locator('[data-state="WY"] .state-map__count')).to_be_visible()
    size = tile.locator(".state-map__box").bounding_box()
    assert size["width"] >= 44 and size["height"] >= 44, size
    # The map scrolls inside its panel; the page does not scroll sideways.
    assert not has_horizontal_scroll(page)

    tile.tap()
    expect(page).to_have_url(re.compile(r"#state-ca$"))
    expect(page.locator("#state-ca-heading")).to_be_in_viewport()


def test_the_map_by_keyboard_shows_a_whole_focus_ring_and_jumps_to_the_list(page):
    page.goto("/")
    alaska = 'a.state-map__tile[data-state="AK"]'  # on the map's left edge
    tab_to(page, alaska)
    ring = page.locator(f"{alaska} .state-map__ring")
    expect(ring).not_to_have_css("stroke", "none")
    ring_box = ring.bounding_box()
    svg_box = page.locator(".state-map__svg").bounding_box()
    stroke = 3
    assert ring_box["x"] - stroke / 2 >= svg_box["x"], "the ring is cut off on the left"
    assert ring_box["y"] - stroke / 2 >= svg_box["y"], "the ring is cut off at the top"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#state-ak$"))
    expect(page.locator("#state-ak-heading")).to_be_in_viewport()


def test_list_screenshot_for_the_readme(page, viewport_name):
    page.goto("/")
    page.locator(FILTER).press_sequentially("immigrant")
    expect(page.locator(STATUS)).to_contain_text("organizations match")
    # The filter at the top of the screen, the narrowed list under it.
    page.evaluate("document.querySelector('.list-filter').scrollIntoView()")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"list-{viewport_name}.png")
