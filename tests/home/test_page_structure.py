"""The structure every public page shares: one h1, landmarks and a skip link, no inline script or
style, list headings in the page outline, and the join button in the header."""

import re

import pytest

from signatories.choices import Level

from ..factories import SignatoryFactory
from .page_outline import outline

PUBLIC_PAGES = [
    "/",
    "/take-action/",
    "/join/",
    "/join/change/",
    "/join/thanks/",
    "/join/change/thanks/",
    "/join/confirm/not-a-real-token/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_one_h1_landmarks_and_no_inline_script_or_style(client, site, path):
    SignatoryFactory(state="CA")
    response = client.get(path)
    assert response.status_code == 200
    page = outline(response)
    html = response.content.decode()

    assert len(page.h1s()) == 1, page.h1s()
    assert re.search(r'<a class="skip-link" href="#main">', html)
    assert page.by_id["main"][0] == "main"
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    # The public CSP allows scripts and styles from files only.
    assert all("src" in script for script in page.scripts)
    assert page.style_attributes == 0
    assert "<style" not in html


def test_list_headings_follow_the_page_outline(client, site):
    SignatoryFactory(state="CA")
    SignatoryFactory(level=Level.NATIONAL, state="")

    headings = outline(client.get("/")).headings

    levels = [tag for tag, text in headings if text in {"Signatories", "National", "California"}]
    assert levels == ["h2", "h3", "h3"]

    statement = site["statement"]
    statement.body = [("signatory_list", {"heading": "", "show_count": True})]
    statement.save_revision().publish()
    headings = outline(client.get("/")).headings
    assert [tag for tag, text in headings if text in {"National", "California"}] == ["h2", "h2"]


def test_join_button_in_the_header_on_every_page(client, site):
    site["join"].show_in_menus = True
    site["join"].save_revision().publish()
    for path in ["/", "/take-action/", "/join/"]:
        html = client.get(path).content.decode()
        assert re.search(r'<a href="/join/" class="site-nav__join"', html), path
