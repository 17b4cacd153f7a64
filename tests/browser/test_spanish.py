"""The Spanish pages in Chromium: what a visitor sees is Spanish, the page says so, a part
still in English (an English change synced but not translated) says that, and axe-core finds
no WCAG 2.2 A/AA violation either way."""

import pytest

from .helpers import axe_violations, describe

pytestmark = pytest.mark.browser

pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="the `browser` extra (axe-playwright-python)"
)

# Each Spanish page and the start of its heading as a visitor reads it.
HEADINGS = {
    "/es/": "Declaración en apoyo de las políticas locales",
    "/es/take-action/": "Pase a la acción",
    "/es/join/": "Agregue su organización",
    "/es/join/thanks/": "Gracias por agregar su organización",
    "/es/about/": "Acerca de la coalición",
    "/es/privacy/": "Aviso de privacidad",
}
NEW_PARAGRAPH = "We welcome every neighbor, wherever they were born."


def test_the_spanish_pages_read_in_spanish_with_nothing_marked_english(page):
    found = {}
    for path, heading in HEADINGS.items():
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.locator("main h1").inner_text().startswith(heading), path
        assert page.locator('main [lang="en"]').count() == 0, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    page.goto("/es/")
    menu = page.locator(".site-header__nav a").all_inner_texts()
    assert menu == ["Pase a la acción", "Agregue su organización"]
    report = "\n".join(f"{path}:\n{describe(v)}" for path, v in found.items())
    assert not found, f"axe found WCAG 2.2 A/AA violations:\n{report}"


def test_a_synced_english_paragraph_is_marked_english_in_the_spanish_page(page):
    from wagtail_localize.models import TranslationSource

    from home.models import StatementPage

    english = StatementPage.objects.get(locale__language_code="en")
    body = english.body.get_prep_value()
    body[0]["value"] = f"<p>{NEW_PARAGRAPH}</p>"
    english.body = body
    english.save_revision().publish()
    # What "Sync translated pages" with "Publish immediately" does.
    source = TranslationSource.objects.get_for_instance(english)
    source.update_from_db()
    for translation in source.translations.filter(enabled=True):
        translation.save_target(publish=True)

    page.goto("/es/")

    marked = page.locator('main [lang="en"]')
    assert marked.count() == 1
    assert marked.inner_text().strip() == NEW_PARAGRAPH
    assert page.locator("main").inner_text().count("Estas políticas surgieron") == 1
    violations = axe_violations(page)
    assert not violations, describe(violations)
