"""Printing a page: the print stylesheet hides navigation and forms and keeps the list."""

import re

from .page_outline import outline


def test_print_stylesheet_hides_navigation_and_forms(client, site):
    page = outline(client.get("/"))
    print_sheets = [link for link in page.link("stylesheet") if link.get("media")]
    assert [link["media"] for link in print_sheets] == ["print"]

    css = b"".join(client.get(print_sheets[0]["href"]).streaming_content).decode()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    hidden = re.search(r"([^{}]+)\{\s*display:\s*none !important;\s*\}", css)
    assert hidden, "print.css hides nothing"
    selectors = {part.strip() for part in hidden.group(1).split(",")}
    for selector in [".site-header", ".site-footer", ".jump-nav", ".join-form", ".skip-link"]:
        assert selector in selectors
    # The list itself is printed.
    assert ".signatory-groups" not in selectors and ".signatories" not in selectors
