"""Small helpers shared by the tests: the public forms' valid answers, the links their emails
carry, and what a test reads in a response."""

import re
from pathlib import Path

from signatories.joining.bot_traps import sign_started_at

REPO_ROOT = Path(__file__).resolve().parent.parent


def post_data(valid, **changes):
    """``valid`` with a fresh ``started`` token and ``changes``; a change of None drops the
    field."""
    data = {**valid, "started": sign_started_at()}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


# --- the public forms ------------------------------------------------------------------------

JOIN_VALID = {
    "name": "Casa Latina",
    "state": "WA",
    "city": "Seattle",
    "website": "https://casa-latina.example.org",
    "contact_name": "Maria Example",
    "contact_email": "maria@example.org",
    "consent": "on",
}


def form_data(**changes):
    """A valid join submission with a fresh ``started`` token; a change of None drops the
    field."""
    return post_data(JOIN_VALID, **changes)


CHANGE_VALID = {
    "name": "Casa Latina",
    "state": "WA",
    "contact_name": "Maria Example",
    "contact_email": "maria@example.org",
    "change": "withdrawal",
    "details": "We are leaving the coalition.",
}


def change_data(**changes):
    """A valid withdrawal with a fresh ``started`` token; a change of None drops the field."""
    return post_data(CHANGE_VALID, **changes)


# Text typed into the public forms that must end in a form error or a clean acceptance.
HOSTILE_TEXT = [
    "\x00",
    "\u202e",
    "\u200b",
    "\ufeff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '=HYPERLINK("http://x")',
    "\r\nBcc: victim@example.org",
]


def confirm_link(message):
    """The path of the confirmation link in an acknowledgment email."""
    match = re.search(r"http://\S+/join/confirm/\S+/", message.body)
    assert match, f"no confirmation link in:\n{message.body}"
    return match.group(0).split("testserver", 1)[-1].replace("http://localhost", "")


# --- responses -------------------------------------------------------------------------------


def csp(response):
    """The Content-Security-Policy header as a dict of directive to sources."""
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


def state_section(html, anchor):
    """The public list's section for one heading, e.g. ``state-wa``."""
    match = re.search(
        rf'<section class="signatory-group" id="{anchor}".*?</section>', html, flags=re.S
    )
    assert match, f"no {anchor} section on the page"
    return match.group(0)
