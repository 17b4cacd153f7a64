"""Communications edit the statement and submit it; a Reviewer publishes it; the public sees it."""

import re

from playwright.sync_api import expect

from home.models import StatementPage

from .conftest import log_in, screenshot


def test_a_statement_edit_goes_live_only_when_a_reviewer_publishes_it(
    page, second_page, browser, stack, people
):
    statement = StatementPage.objects.get(locale__language_code="en")
    old_title = statement.title
    new_title = "Statement in Support of Policies That Protect Every Neighbor"
    edit_url = f"/admin/pages/{statement.pk}/edit/"

    visitor = page
    visitor.goto("/")
    expect(visitor.locator("h1")).to_have_text(old_title)

    writer = second_page
    log_in(writer, people["communications"])
    writer.goto(edit_url)
    writer.fill("#id_title", new_title)
    writer.get_by_role("button", name="More actions").click()
    writer.get_by_role("button", name=re.compile("Submit to Statement review")).click()
    expect(writer.locator(".messages")).to_contain_text("submitted")

    # Submitted is not published: the public still reads the old text.
    visitor.goto("/")
    expect(visitor.locator("h1")).to_have_text(old_title)

    reviewer_context = browser.new_context(base_url=stack.url)
    reviewer = reviewer_context.new_page()
    try:
        log_in(reviewer, people["reviewer"])
        reviewer.goto(edit_url)
        expect(reviewer.locator("#id_title")).to_have_value(new_title)
        # The workflow's one task is its last: approving it publishes.
        approve = reviewer.get_by_role("button", name="Approve and Publish", exact=True)
        if not approve.is_visible():
            reviewer.get_by_role("button", name="More actions").click()
        approve.click()
        expect(reviewer.locator(".messages")).to_contain_text(new_title)
        screenshot(reviewer, "reviewer-approved-and-published")
    finally:
        reviewer_context.close()

    visitor.goto("/")
    expect(visitor.locator("h1")).to_have_text(new_title)
