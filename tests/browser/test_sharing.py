"""Sharing and the privacy notice, in Chromium: the share links and the copy-link button under
the strict content security policy, and the privacy notice reached from the join form."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings

from home.models import StatementPage
from home.seed import STATEMENT_TITLE
from signatories.models import Signatory

expect = pytest.importorskip("playwright.sync_api", reason="the `browser` extra").expect

pytestmark = pytest.mark.browser

NETWORK_HOSTS = {
    "bluesky": "bsky.app",
    "x": "x.com",
    "facebook": "www.facebook.com",
    "linkedin": "www.linkedin.com",
    "whatsapp": "wa.me",
}


def statement_url():
    """The statement's address as the site gives it (its Site's, not the test server's)."""
    return StatementPage.objects.get(locale__language_code="en").get_full_url()


def share_hrefs(page):
    links = page.locator(".share a[data-share]")
    return {
        links.nth(i).get_attribute("data-share"): links.nth(i).get_attribute("href")
        for i in range(links.count())
    }


@pytest.mark.parametrize("path", ["/", "/join/thanks/"])
def test_share_links_share_the_statement_with_the_live_count(page, path):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(path)

    hrefs = share_hrefs(page)
    count = Signatory.objects.published().count()
    email = parse_qs(urlparse(hrefs.pop("email")).query)
    assert email["subject"] == [STATEMENT_TITLE]
    assert email["body"][0].startswith(f"{count} organizations have signed")
    assert email["body"][0].endswith(f"\n\n{statement_url()}")
    assert {name: urlparse(href).hostname for name, href in hrefs.items()} == NETWORK_HOSTS
    # The copy button is shown by the site's own script, which the policy lets run.
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    assert not [error for error in errors if "Content Security Policy" in error]


def test_copy_link_puts_the_statement_address_on_the_clipboard(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/join/thanks/")

    page.get_by_role("button", name="Copy link").click()

    expect(page.locator("[data-copy-status]")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == statement_url()


def test_thank_you_page_says_first_to_confirm_by_email(page):
    page.goto("/join/thanks/")

    first = page.locator("main h1 + p")
    expect(first).to_have_text(re.compile(r"^Check your inbox and click the link"))


def test_join_form_links_the_privacy_notice_beside_the_consent_box(page):
    page.goto("/join/")
    expect(page.locator(".join-statement a")).to_have_text(re.compile(re.escape(STATEMENT_TITLE)))

    page.locator(".field--checkbox").get_by_role("link", name="Read our privacy notice").click()

    expect(page).to_have_url(re.compile(r"/privacy/$"))
    expect(page.locator("h1")).to_have_text("Privacy notice")
    days = settings.CONTACT_RETENTION_DAYS
    expect(page.locator(".retention-period")).to_contain_text(f"for {days} days after")
