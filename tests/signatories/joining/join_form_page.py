"""The join form's addresses, and how its tests read the page it renders."""

import re

JOIN_URL = "/join/"
THANKS_URL = "/join/thanks/"

TEXT_INPUTS = ["name", "city", "website", "contact_name", "contact_email"]


def field_block(html, name):
    """The markup of the form field wrapper holding the input named ``name``."""
    for chunk in html.split('<div class="field')[1:]:
        if f'name="{name}"' in chunk:
            return chunk
    raise AssertionError(f"no field {name!r} in the page")


def started_token(html):
    match = re.search(r'<input type="hidden" name="started" value="([^"]+)"', html)
    assert match, "the form has no started token"
    return match.group(1)
