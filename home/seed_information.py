"""The seed's About and Privacy notice pages, the organizer settings that link them, and the
descriptions search engines and share cards read from each page's own text."""

import re
from html import unescape

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from .organizer import OrganizerSettings

# Search results show about 155 characters; share cards about two lines more.
SEARCH_DESCRIPTION_LENGTH = 155
SHARE_SUMMARY_LENGTH = 240

ORGANIZER_DESCRIPTION = (
    "A coalition of organizations across the United States standing behind local policies "
    "that protect immigrants and community safety."
)


# Where one block of rich text ends and the next begins: a space there keeps the words of two
# list items or paragraphs apart once the tags are stripped.
BLOCK_BOUNDARY = re.compile(r"(?=</?(?:p|li|ul|ol|h[1-6]|br|blockquote)\b)", re.IGNORECASE)


def summary(html, length):
    """Plain text from rich text, cut at a word boundary to at most ``length`` characters."""
    text = " ".join(unescape(strip_tags(BLOCK_BOUNDARY.sub(" ", html))).split())
    return Truncator(text).chars(length, truncate="…")


def describe(page, *htmls):
    """Fill the page's empty search description and share summary from its own text."""
    text = " ".join(htmls)
    page.search_description = page.search_description or summary(text, SEARCH_DESCRIPTION_LENGTH)
    page.share_summary = page.share_summary or summary(text, SHARE_SUMMARY_LENGTH)


def _link(page, text):
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def about_body(join):
    return [
        (
            "paragraph",
            "<p>This statement is published by a coalition of organizations across the United "
            "States that stand behind local policies protecting immigrants and community "
            "safety. Organizations of every size, national and local, have signed it.</p>",
        ),
        (
            "paragraph",
            "<p>The coalition's editors check every request before an organization's name "
            "appears in the list, and they keep the list up to date when an organization asks "
            "to be removed or corrected.</p>",
        ),
        (
            "call_to_action",
            {"text": "Add your organization", "link": {"page": join, "url": ""}, "style": "button"},
        ),
    ]


def privacy_body(join):
    """What the join and change forms collect, why, who sees it, how long it is kept (the
    configured period, shown by the retention block) and how to withdraw or correct."""
    return [
        (
            "paragraph",
            "<p>This notice explains what happens to what you send us when you add your "
            "organization to the statement, or ask us to remove or correct a listing.</p>",
        ),
        ("heading", {"text": "What the form collects", "level": "h2"}),
        (
            "paragraph",
            "<ul><li>Your organization's name, and its state or National.</li>"
            "<li>Its city and website, if you give them.</li>"
            "<li>A contact name and email address.</li>"
            "<li>Your confirmation that the organization agrees to be listed, and when you "
            "gave it.</li>"
            "<li>For a change to a listing, what should change.</li></ul>"
            "<p>The site also notes the language you used and how long the form took to fill "
            "in, to tell people from automated submissions. It counts requests from each "
            "internet address for a short while to limit floods, and does not store the "
            "address with your request. It uses no tracking or advertising scripts.</p>",
        ),
        ("heading", {"text": "Why", "level": "h2"}),
        (
            "paragraph",
            "<p>We publish the organization's name, state, city and website in the list of "
            "signatories. We use the contact details only to send you a link to confirm the "
            "request, and to ask you about it if something is unclear.</p>",
        ),
        ("heading", {"text": "Who sees it", "level": "h2"}),
        (
            "paragraph",
            "<p>Everyone can see a listing once an editor has approved it: on this site, in "
            "the list's open data files and in the copies of the statement we deliver to "
            "officials. Only the coalition's editors see the contact details. We never publish, "
            "sell or share them.</p>",
        ),
        ("heading", {"text": "How long we keep it", "level": "h2"}),
        ("retention_period", None),
        (
            "paragraph",
            "<p>A published listing stays in the list for as long as the statement is online, "
            "unless the organization asks us to remove it.</p>",
        ),
        ("heading", {"text": "Withdraw or correct a listing", "level": "h2"}),
        (
            "paragraph",
            f"<p>On the {_link(join, 'Add your organization')} page, follow “Already listed? "
            "Remove or correct your listing” and tell us what should change. We send a link "
            "to the contact address you give, and an editor checks the request before the "
            "listing changes.</p>",
        ),
        ("contact_address", None),
    ]


def information_pages(join, child, created):
    """The About and Privacy notice pages beside ``join``, found or made by ``child(**fields)``
    (the seed's get-or-create); only those in ``created`` get the seed's text."""
    about = child(title="About the coalition", slug="about")
    privacy = child(title="Privacy notice", slug="privacy")
    for page, body in ((about, about_body(join)), (privacy, privacy_body(join))):
        if page not in created:
            continue
        page.body = body
        describe(page, *(value for kind, value in body if kind == "paragraph"))
        page.save_revision().publish()
    return about, privacy


def organizer_settings(site, about, privacy):
    """The organizer of ``site``, created with the seed's name and pages when it has none;
    whether it was created."""
    _organizer, created = OrganizerSettings.objects.get_or_create(
        site=site,
        defaults={
            "name": site.site_name or settings.WAGTAIL_SITE_NAME,
            "description": ORGANIZER_DESCRIPTION,
            "about_page": about,
            "privacy_page": privacy,
        },
    )
    return created
