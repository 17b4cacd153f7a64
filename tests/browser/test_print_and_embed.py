"""The statement on paper (Chromium's own print to PDF) and the banner partners frame, at every
width from 280 px."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from home.models import StatementPage

from .pdf_pages import page_count, page_of_each_anchor

expect = pytest.importorskip("playwright.sync_api", reason="the `browser` extra").expect

pytestmark = pytest.mark.browser

# The banner's height in the code editors copy (signatories/embed.py), and widths from the
# narrowest phone column a partner may give it to the widest it is offered at.
BANNER_HEIGHT = 150
WIDTHS = [280, 320, 360, 420, 479, 480, 560, 640]


def test_the_printed_statement_keeps_the_list_heading_with_its_names(browser, seeded_live_site):
    tab = browser.new_page(base_url=seeded_live_site)
    try:
        tab.goto("/")
        pdf = tab.pdf(format="Letter")
        tab.emulate_media(media="print")
        # No break is forced anywhere: the pages fill as far as the text goes.
        forced = tab.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(el => {
                const style = getComputedStyle(el);
                return [style.breakBefore, style.breakAfter].some(b => b === 'page');
            }).map(el => el.className || el.tagName)"""
        )
        source = tab.locator(".signatories__source")
        expect(source).to_be_visible()
        printed_source = source.inner_text()
    finally:
        tab.close()
    assert forced == []

    anchors = page_of_each_anchor(pdf)
    # The heading, the count and the first group share a page: no page ends on the heading.
    assert anchors["signatories"] == anchors["national"]
    groups = [anchor for anchor in anchors if anchor.startswith("state-")]
    assert max(anchors[anchor] for anchor in groups) == page_count(pdf)

    statement = StatementPage.objects.get(locale__language_code="en")
    assert statement.full_url in printed_source
    assert date_format(timezone.localdate(), "DATE_FORMAT") in printed_source


def test_the_source_line_is_for_paper_only(page):
    page.goto("/")
    expect(page.locator(".signatories__source")).to_be_hidden()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_banner_is_never_clipped_at_any_width_from_280_px(browser, seeded_live_site, language):
    prefix = "" if language == "en" else "/es"
    problems = {}
    for width, height in [(w, BANNER_HEIGHT) for w in WIDTHS] + [(300, 220)]:
        tab = browser.new_page(
            base_url=seeded_live_site, viewport={"width": width, "height": height}
        )
        try:
            tab.goto(f"{prefix}/embed/")
            expect(tab.locator(".embed__join")).to_be_visible()
            found = tab.evaluate(
                """() => {
                    const doc = document.documentElement;
                    const out = [];
                    if (doc.scrollHeight > innerHeight) out.push(`page ${doc.scrollHeight} high`);
                    if (doc.scrollWidth > innerWidth) out.push(`page ${doc.scrollWidth} wide`);
                    for (const el of document.querySelectorAll(
                            '.embed__box, .embed__count, .embed__number, .embed__join')) {
                        const box = el.getBoundingClientRect();
                        if (box.left < 0 || box.top < 0 || box.right > innerWidth
                                || box.bottom > innerHeight) {
                            out.push(`${el.className} ${JSON.stringify(box)}`);
                        }
                    }
                    return out;
                }"""
            )
            if found:
                problems[f"{width}x{height}"] = found
        finally:
            tab.close()
    assert problems == {}
