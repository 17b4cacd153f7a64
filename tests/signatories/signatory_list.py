"""Helpers for the tests of the public signatory list: the block's value, the headings of the
rendered list, and the letter ranges the seed gives."""

import html
import re

from signatories.blocks import SignatoryListBlock

SEED_RANGES = ["A", "C", "D-F", "G-I", "K-L", "M", "N", "O-P", "T-U", "V-W"]


def block_value(**options):
    block = SignatoryListBlock()
    return block.to_python(
        {"heading": "Signatories", "show_count": True, "show_jump_navigation": True, **options}
    )


def heading_labels(content):
    return [html.unescape(label) for label in re.findall(r'<h3 id="[^"]+">(.*?)</h3>', content)]
