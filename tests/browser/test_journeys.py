"""What a visitor does on the site, in Chromium, on a phone-sized and a desktop viewport."""

import re

import pytest

from home.seed import JOIN_PAGE_COPY, STATEMENT_TITLE
from signatories.models import JoinRequest, Signatory

from .conftest import SCREENSHOT_DIR
from .helpers import has_horizontal_scroll, is_uncovered_in_viewport, tab_to

expect = pytest.importorskip("playwright.sync_api", reason="the `browser` extra").expect

pytestmark = pytest.mark.browser

SUBMIT = "form.join-form button[type=submit]"


def test_statement_shows_its_title_and_count_without_sideways_scrolling(page):
    page.goto("/")

    expect(page.locator("h1")).to_have_text(STATEMENT_TITLE)
    count = Signatory.objects.published().count()
    assert count > 100
    expect(page.locator(".signatories__count")).to_contain_text(f"{count} organizations")
    assert not has_horizontal_scroll(page)


def test_statement_screenshot_for_the_readme(page, viewport_name):
    page.goto("/")
    expect(page.locator("h1")).to_be_visible()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    # The first screenful only: a full-page capture of 156 names is megabytes.
    page.screenshot(path=SCREENSHOT_DIR / f"statement-{viewport_name}.png")


def test_each_jump_link_brings_its_group_into_view(page):
    # A smooth scroll started just after load can be cut short while the page settles; the
    # reduced-motion jump is instant, so the test checks where a link lands, not the animation.
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")
    links = page.locator("nav.jump-nav a")
    anchors = [href.removeprefix("#") for href in links.evaluate_all("as => as.map(a => a.hash)")]
    assert len(anchors) >= 5

    for anchor in anchors:
        link = page.locator(f'nav.jump-nav a[href="#{anchor}"]')
        link.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"#{anchor}$"))
        heading = f"#{anchor}-heading"
        expect(page.locator(heading)).to_be_in_viewport()
        assert is_uncovered_in_viewport(page, heading), f"{anchor}: heading is covered"
    assert not has_horizontal_scroll(page)


def _submit_by_keyboard(page):
    tab_to(page, SUBMIT)
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def _type_into(page, selector, text):
    """Tab to a text field, clear what is there and type ``text``."""
    tab_to(page, selector)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)


def _expect_field_error(page, field_id):
    """The field is marked invalid and described by a visible message."""
    field = page.locator(f"#{field_id}")
    expect(field).to_have_attribute("aria-invalid", "true")
    described_by = field.get_attribute("aria-describedby") or ""
    messages = [page.locator(f"#{ref}") for ref in described_by.split()]
    texts = [m.inner_text() for m in messages if m.count() and m.is_visible()]
    assert any(text.strip() for text in texts), f"{field_id}: no visible error in {described_by}"


def _expect_error_summary_read_first(page):
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    page.wait_for_function("() => document.activeElement?.id === 'form-errors'")


def test_join_form_by_keyboard_only_shows_errors_then_thanks(page):
    page.goto("/join/")
    expect(page.locator("h1")).to_have_text(JOIN_PAGE_COPY["title"])

    # Sent empty: a summary that is read out first, and each missing field marked.
    _submit_by_keyboard(page)
    _expect_error_summary_read_first(page)
    # The State field starts at "Choose…": no one is filed under National by not noticing it.
    for field_id in ("id_name", "id_state", "id_contact_name", "id_contact_email", "id_consent"):
        _expect_field_error(page, field_id)
    assert not JoinRequest.objects.exists()

    # Everything filled in but a mistyped email: only that is refused, nothing else is lost.
    _type_into(page, "#id_name", "Keyboard Friends of Fresno")
    tab_to(page, "#id_state")
    page.keyboard.type("California")
    _type_into(page, "#id_city", "Fresno")
    _type_into(page, "#id_contact_name", "Kay Board")
    _type_into(page, "#id_contact_email", "kay.example.org")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    _submit_by_keyboard(page)
    _expect_error_summary_read_first(page)
    _expect_field_error(page, "id_contact_email")
    expect(page.locator("#id_name")).to_have_value("Keyboard Friends of Fresno")
    expect(page.locator("#id_state")).to_have_value("CA")
    expect(page.locator("#id_city")).to_have_value("Fresno")
    expect(page.locator("#id_consent")).to_be_checked()
    expect(page.locator("#id_name")).not_to_have_attribute("aria-invalid", "true")
    assert not JoinRequest.objects.exists()

    _type_into(page, "#id_contact_email", "kay@example.org")
    _submit_by_keyboard(page)
    expect(page).to_have_url(re.compile(r"/join/thanks/$"))
    expect(page.locator("h1")).to_have_text(JOIN_PAGE_COPY["thank_you_title"])
    assert not has_horizontal_scroll(page)

    request = JoinRequest.objects.get()
    assert request.name == "Keyboard Friends of Fresno"
    assert (request.state, request.city) == ("CA", "Fresno")
    assert request.contact_email == "kay@example.org"
    # Not listed until an editor approves it.
    assert not Signatory.objects.filter(name="Keyboard Friends of Fresno").exists()


def test_language_switch_to_spanish_and_back(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    tab_to(page, '.language-switcher a[hreflang="es"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/es/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".signatories__count")).to_contain_text("organizaciones")
    expect(page.locator('.language-switcher a[hreflang="es"]')).to_have_attribute(
        "aria-current", "page"
    )
    assert not has_horizontal_scroll(page)

    tab_to(page, '.language-switcher a[hreflang="en"]')
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).not_to_have_url(re.compile(r"/es/"))
    expect(page.locator("h1")).to_have_text(STATEMENT_TITLE)


def test_language_switch_keeps_the_visitor_on_the_join_page(page):
    page.goto("/join/")
    tab_to(page, '.language-switcher a[hreflang="es"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/es/[^/]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(SUBMIT)).to_be_visible()
    expect(page.locator("#form-errors")).to_have_count(0)
