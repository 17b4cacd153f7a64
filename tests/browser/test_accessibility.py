"""axe-core finds no WCAG 2.2 A/AA violation on the public pages, in English and Spanish, on a
phone-sized and a desktop viewport."""

import pytest

from .helpers import axe_violations, describe

pytestmark = pytest.mark.browser

pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="the `browser` extra (axe-playwright-python)"
)

# The path of each page under a language's prefix ("" for English, "/es" for Spanish).
PAGES = {
    "statement (with the map and share links)": "/",
    "take action": "/take-action/",
    "join": "/join/",
    "thank-you (with share links)": "/join/thanks/",
    "about": "/about/",
    "privacy notice": "/privacy/",
    "not found": "/no-such-page/",
    "embed widget": "/embed/",
}
PREFIXES = {"en": "", "es": "/es"}


@pytest.mark.parametrize("language", sorted(PREFIXES))
def test_public_pages_have_no_wcag_violations(page, language):
    prefix = PREFIXES[language]
    found = {}

    def check(name):
        assert page.locator("html").get_attribute("lang") == language, f"{name}: wrong lang"
        violations = axe_violations(page)
        if violations:
            found[f"{name} ({page.url})"] = violations

    for name, path in PAGES.items():
        page.goto(prefix + path)
        check(name)

    # The join form sent empty: the error summary and the invalid fields.
    page.goto(f"{prefix}/join/")
    page.locator("form.join-form button[type=submit]").click()
    page.locator("#form-errors").wait_for()
    check("join with errors")

    report = "\n".join(f"{where}:\n{describe(violations)}" for where, violations in found.items())
    assert not found, f"axe found WCAG 2.2 A/AA violations:\n{report}"


def test_axe_reports_what_it_should(browser):
    """The checker is alive: a page with an unlabelled field and an image without alt text
    fails, so the zero above means something."""
    tab = browser.new_page()
    try:
        tab.set_content(
            '<!DOCTYPE html><html lang="en"><title>t</title><main>'
            '<img src="data:,"><input type="text"></main></html>'
        )
        rules = {violation["id"] for violation in axe_violations(tab)}
    finally:
        tab.close()
    assert {"image-alt", "label"} <= rules
