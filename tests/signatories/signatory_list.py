"""Helpers for the tests of the public signatory list: the block's value, the headings of the
rendered list and its jump links."""

import html
import re

from signatories.blocks import SignatoryListBlock


def block_value(**options):
    block = SignatoryListBlock()
    return block.to_python(
        {"heading": "Signatories", "show_count": True, "show_jump_navigation": True, **options}
    )


def heading_labels(content):
    return [html.unescape(label) for label in re.findall(r'<h3 id="[^"]+">(.*?)</h3>', content)]


def jump_links(content):
    """(href, text) of each link in the list's jump navigation, or None when there is none."""
    nav = re.search(r'<nav class="jump-nav".*?</nav>', content, re.DOTALL)
    if nav is None:
        return None
    return [
        (href, html.unescape(text))
        for href, text in re.findall(r'<a href="(#[^"]+)">([^<]+)</a>', nav.group(0))
    ]
