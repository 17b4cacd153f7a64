"""A visitor looks for an organization in the list, on the production configuration: the
filter script is a hashed static file the strict policy lets run, and without script a search
is answered by the server while the stored page stays the one everyone shares."""

import re

from playwright.sync_api import expect

from signatories.models import Signatory

from .conftest import screenshot

FILTER_LABEL = "Find an organization or a state"
SHOWN_NAMES = ".signatory-group__list li:visible"


def test_a_visitor_narrows_the_list_by_typing(page, stack):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto("/")
    page.get_by_label(FILTER_LABEL).press_sequentially("voces frontera")
    expect(page.locator(".list-filter__status")).to_have_text("1 organization matches.")
    expect(page.locator(SHOWN_NAMES)).to_have_text(["Voces de la Frontera"])
    expect(page.locator(".jump-nav a:visible")).to_have_text(["Wisconsin"])
    # A script the policy refused would show here as a console error.
    assert problems == []


def test_without_script_a_search_is_answered_and_the_stored_page_is_untouched(browser, stack):
    context = browser.new_context(base_url=stack.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto("/")
        assert tab.goto("/").headers.get("x-page-cache") == "hit"

        tab.get_by_label(FILTER_LABEL).fill("texas")
        with tab.expect_response(re.compile(r"\?q=texas")) as searched:
            tab.get_by_role("button", name="Search").click()
        assert "x-page-cache" not in searched.value.headers
        texas = Signatory.objects.published().filter(state="TX").count()
        expect(tab.locator(".list-filter__status")).to_have_text(
            f"{texas} organizations match “texas”."
        )
        expect(tab.locator(".signatory-group h3")).to_have_text(["Texas"])

        plain = tab.goto("/")
        assert plain.headers.get("x-page-cache") == "hit"
        expect(tab.locator(SHOWN_NAMES)).to_have_count(Signatory.objects.published().count())
    finally:
        screenshot(tab, "search-without-script")
        context.close()
