"""Building the site's page tree from the seed statement, without touching what exists."""

from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from signatories.models import JoinPage

from .models import InformationPage, StatementPage, TakeActionPage
from .seed_information import describe, information_pages, organizer_settings
from .seed_translation import translate_tree
from .site_address import follow_public_url, public_address

STATEMENT_TITLE = "Statement in Support of Local Policies That Protect Immigrants"
TAKE_ACTION_PHRASE = "Take Action page"
JOIN_PHRASE = "Click here to join"


@dataclass
class PageTreeReport:
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)
    # Copies in another language that still read as English, now translated by the seed.
    translated: list = field(default_factory=list)
    site_address: object = None  # a home.site_address.SiteAddressChange
    organizer_created: bool = False


@transaction.atomic
def build_page_tree(paragraphs):
    """Ensure the statement is the site root with Take Action and Join pages under it, and
    their translations in the other site languages (Spanish at /es/), on a default Site at
    PUBLIC_URL (raises home.site_address.SiteAddressError when another Site holds it)."""
    report = PageTreeReport()
    statement = StatementPage.objects.filter(locale=Locale.get_default()).first()
    if statement is None:
        root = Page.get_first_root_node()
        statement = root.add_child(instance=StatementPage(title=STATEMENT_TITLE, slug="statement"))
        report.created.append(statement)
    else:
        report.existing.append(statement)
    _make_site_root(statement)
    report.site_address = follow_public_url()

    take_action = _child(
        statement,
        TakeActionPage,
        report,
        title="Take Action",
        slug="take-action",
        show_in_menus=True,
    )
    join = _child(statement, JoinPage, report, **JOIN_PAGE_COPY)

    if statement in report.created:
        html = [_paragraph_html(text, take_action, join) for text in paragraphs]
        statement.body = [
            *(("paragraph", paragraph) for paragraph in html),
            ("state_map", STATEMENT_MAP),
            (
                "signatory_list",
                {"heading": "Signatories", "show_count": True, "show_jump_navigation": True},
            ),
        ]
        describe(statement, *html)
        statement.save_revision().publish()
    if take_action in report.created:
        take_action.body = take_action_starter_body(join)
        describe(take_action, take_action_starter_body(join)[0][1])
        take_action.save_revision().publish()
    if join in report.created:
        describe(join, join.intro)
        join.save_revision().publish()

    def information_page(**fields):
        return _child(statement, InformationPage, report, lookup={"slug": fields["slug"]}, **fields)

    about, privacy = information_pages(join, information_page, created=report.created)
    report.organizer_created = organizer_settings(statement.get_site(), about, privacy)
    translate_tree(statement, report)
    return report


def _make_site_root(statement):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        address = public_address()
        Site.objects.create(
            hostname=address.hostname,
            port=address.port,
            root_page=statement,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        return
    if site.root_page_id == statement.pk:
        return
    previous = site.root_page
    site.root_page = statement
    site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    site.save()
    # Wagtail's placeholder "Welcome" page is replaced; a real page someone made is kept.
    if type(previous.specific) is Page and not previous.get_children().exists():
        previous.delete()


def _child(parent, page_class, report, lookup=None, **fields):
    existing = page_class.objects.child_of(parent).filter(**(lookup or {})).first()
    if existing is not None:
        report.existing.append(existing)
        return existing
    page = parent.add_child(instance=page_class(**fields))
    report.created.append(page)
    return page


def _page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>'


def _paragraph_html(text, take_action, join):
    html = escape(text, quote=False)
    html = html.replace(TAKE_ACTION_PHRASE, _page_link(take_action, TAKE_ACTION_PHRASE), 1)
    html = html.replace(JOIN_PHRASE, _page_link(join, JOIN_PHRASE), 1)
    return f"<p>{html}</p>"


# Between the statement and the list: where the signatories are, each state leading to its part
# of the list.
STATEMENT_MAP = {
    "heading": "Where the signatories are",
    "intro": "Organizations in every part of the country have signed.",
}

JOIN_PAGE_COPY = {
    "title": "Add your organization",
    "slug": "join",
    "show_in_menus": True,
    "intro": (
        "<p>Organizations of every size can sign the statement. Tell us your organization's "
        "name and where it works. An editor checks each request before the name appears in the "
        "list, usually within a few days.</p>"
    ),
    "thank_you_title": "Thank you for adding your organization",
    "thank_you_text": (
        "<p>We have sent the message to the contact address you gave. If it has not arrived "
        "in a few minutes, look in your spam folder. An editor usually reviews requests "
        "within a few days.</p>"
    ),
}


def take_action_starter_body(join):
    """Short starter copy that reads naturally until editors write their own."""
    return [
        (
            "paragraph",
            "<p>Signing the statement is the first step. Here are more ways your organization "
            "and your community can stand up for policies that protect immigrants.</p>",
        ),
        (
            "action_cards",
            {
                "cards": [
                    {
                        "title": "Add your organization",
                        "text": "Join the organizations that have signed the statement.",
                        "link_text": "Sign on",
                        "link": {"page": join, "url": ""},
                    },
                    {
                        "title": "Talk to your local officials",
                        "text": (
                            "Tell your city council, sheriff and state legislators why local "
                            "policies that protect immigrants keep everyone safer."
                        ),
                        "link_text": "Find your officials",
                        "link": {"page": None, "url": "https://www.usa.gov/elected-officials"},
                    },
                    {
                        "title": "Bring the statement to your community",
                        "text": (
                            "Share the statement at your next meeting, service or newsletter, "
                            "and ask partner organizations to sign."
                        ),
                        "link_text": "Read the statement",
                        "link": {"page": join.get_parent(), "url": ""},
                    },
                ]
            },
        ),
        (
            "share",
            {
                "heading": "Spread the word",
                # Empty: the share text then says how many have signed, counted live.
                "message": "",
                "page": None,
            },
        ),
        (
            "call_to_action",
            {"text": "Add your organization", "link": {"page": join, "url": ""}, "style": "button"},
        ),
    ]
