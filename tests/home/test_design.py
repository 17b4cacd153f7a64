"""The public design's promises: share cards, SEO files, error pages, print, the live count and
accessible form errors, checked in the HTML a visitor's browser (or a crawler) receives."""

import re
from contextlib import contextmanager
from html.parser import HTMLParser

import pytest
import wagtail_factories
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from home.models import TakeActionPage
from signatories.choices import Level

from ..factories import JoinRequestFactory, SignatoryFactory
from ..helpers import post_data


class PageOutline(HTMLParser):
    """The parts of a page these tests read: head tags, headings, elements by id, scripts."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.links = []
        self.headings = []
        self.by_id = {}
        self.scripts = []
        self.style_attributes = 0
        self._heading = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, ""]
        if "id" in attrs:
            self.by_id[attrs["id"]] = (tag, attrs)
        if "style" in attrs:
            self.style_attributes += 1

    def handle_data(self, data):
        if self._heading:
            self._heading[1] += data

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append((tag, self._heading[1].strip()))
            self._heading = None

    def link(self, rel):
        return [link for link in self.links if link.get("rel") == rel]

    def h1s(self):
        return [text for tag, text in self.headings if tag == "h1"]


def outline(response):
    return PageOutline(response.content.decode())


@pytest.fixture
def site(site_pages):
    Site.objects.filter(is_default_site=True).update(site_name="Coalition Statement")
    return site_pages


# --- Share cards and search tags ---------------------------------------------------------------


def test_statement_has_description_canonical_open_graph_and_twitter_tags(client, site):
    statement = site["statement"]
    statement.search_description = "Organizations stand with immigrant communities."
    statement.share_summary = "Read the statement and add your organization."
    statement.seo_title = "Statement in support of local policies"
    statement.save_revision().publish()

    page = outline(client.get("/"))

    assert page.meta["description"] == "Organizations stand with immigrant communities."
    assert [link["href"] for link in page.link("canonical")] == ["http://localhost/"]
    assert page.meta["og:title"] == "Statement in support of local policies"
    assert page.meta["og:description"] == "Read the statement and add your organization."
    assert page.meta["og:url"] == "http://localhost/"
    assert page.meta["og:type"] == "website"
    assert page.meta["og:site_name"] == "Coalition Statement"
    assert page.meta["og:locale"] == "en_US"
    assert page.meta["twitter:card"] == "summary"
    assert page.meta["twitter:title"] == "Statement in support of local policies"
    # Without a share image there is no image to promise.
    assert "og:image" not in page.meta and "twitter:image" not in page.meta


def test_description_falls_back_to_the_share_summary_and_back(client, site):
    take_action = site["take_action"]
    take_action.search_description = ""
    take_action.share_summary = "More ways to help."
    take_action.save_revision().publish()
    statement = site["statement"]
    statement.search_description = "Only a search description."
    statement.share_summary = ""
    statement.save_revision().publish()

    take_action_page = outline(client.get("/take-action/"))
    assert take_action_page.meta["description"] == "More ways to help."
    assert take_action_page.meta["og:description"] == "More ways to help."
    statement_page = outline(client.get("/"))
    assert statement_page.meta["og:description"] == "Only a search description."


def test_join_page_has_its_own_share_card(client, site):
    join = site["join"]
    join.share_summary = "Add your organization to the statement."
    join.share_image = wagtail_factories.ImageFactory(title="Sign on")
    join.save_revision().publish()

    page = outline(client.get("/join/"))

    assert page.meta["description"] == "Add your organization to the statement."
    assert page.meta["og:description"] == "Add your organization to the statement."
    assert page.meta["og:url"] == "http://localhost/join/"
    assert page.meta["twitter:card"] == "summary_large_image"


def test_page_without_any_description_has_no_empty_description_tag(client, site):
    page = outline(client.get("/take-action/"))
    assert "description" not in page.meta
    assert "og:description" not in page.meta
    assert page.meta["og:url"] == "http://localhost/take-action/"


def test_routable_sub_page_is_its_own_canonical_url_without_query_string(client, site):
    page = outline(client.get("/join/change/?utm_source=newsletter"))
    assert [link["href"] for link in page.link("canonical")] == ["http://localhost/join/change/"]


def test_share_tags_escape_editor_text(client, site):
    statement = site["statement"]
    statement.seo_title = 'Stand "together" <script>alert(1)</script>'
    statement.share_summary = 'Say "yes" & <b>sign</b>\'s'
    statement.save_revision().publish()

    html = client.get("/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "<b>sign</b>" not in html
    assert 'content="Stand &quot;together&quot; &lt;script&gt;alert(1)&lt;/script&gt;"' in html
    page = PageOutline(html)
    assert page.meta["og:description"] == 'Say "yes" & <b>sign</b>\'s'


def test_share_image_gives_a_large_card_with_an_absolute_cropped_image(client, site):
    image = wagtail_factories.ImageFactory(
        title="Rally at city hall", file__width=1600, file__height=1000
    )
    statement = site["statement"]
    statement.share_image = image
    statement.save_revision().publish()

    page = outline(client.get("/"))

    assert page.meta["twitter:card"] == "summary_large_image"
    url = page.meta["og:image"]
    assert url.startswith("http://localhost/") and "fill-1200x630" in url
    assert page.meta["twitter:image"] == url
    assert (page.meta["og:image:width"], page.meta["og:image:height"]) == ("1200", "630")
    assert page.meta["og:image:alt"] == "Rally at city hall"
    assert image.renditions.filter(filter_spec="fill-1200x630").exists()


def test_deleting_the_share_image_keeps_the_page_and_drops_the_image_tags(client, site):
    image = wagtail_factories.ImageFactory(title="Gone soon")
    statement = site["statement"]
    statement.share_image = image
    statement.save_revision().publish()
    image.delete()

    response = client.get("/")

    assert response.status_code == 200
    page = outline(response)
    assert "og:image" not in page.meta
    assert page.meta["twitter:card"] == "summary"


@pytest.mark.parametrize("key", ["statement", "take_action", "join"])
def test_editors_find_share_fields_on_the_promote_tab(admin_client, site, key):
    html = admin_client.get(f"/admin/pages/{site[key].pk}/edit/").content.decode()
    promote = html[html.index('id="tab-promote"') :]
    assert 'name="share_image"' in promote
    assert 'name="share_summary"' in promote


# --- robots.txt, sitemap.xml and the favicon -----------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client, site):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    # The public pages themselves stay open to crawlers.
    assert "Disallow: /" not in lines


def test_sitemap_lists_live_public_pages_only(client, site):
    statement = site["statement"]
    draft = statement.add_child(
        instance=TakeActionPage(title="Draft plans", slug="draft-plans", live=False)
    )
    private = statement.add_child(instance=TakeActionPage(title="Members", slug="members"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert draft.pk and private.live

    xml = client.get("/sitemap.xml").content.decode()

    locations = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    assert locations == {
        "http://localhost/",
        "http://localhost/take-action/",
        "http://localhost/join/",
    }


def test_favicon_is_linked_and_served(client, site):
    page = outline(client.get("/"))
    icons = {link["href"]: link for link in page.link("icon")}
    svg = next(href for href in icons if href.endswith(".svg"))
    assert client.get(svg).status_code == 200

    redirect = client.get("/favicon.ico")
    assert redirect.status_code == 302
    icon = client.get(redirect["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


# --- Error pages --------------------------------------------------------------------------------


def test_missing_page_gets_the_designed_404(client, site):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    page = outline(response)
    assert page.h1s() == ["Page not found"]
    assert page.link("stylesheet")
    assert 'href="/"' in response.content.decode()


@contextmanager
def database_down():
    """Every attempt to use the database raises, as when its server has gone away."""
    attempts = []
    real_cursor = connection._cursor

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OperationalError("could not connect to server: Connection refused")

    connection._cursor = refuse
    try:
        yield attempts
    finally:
        connection._cursor = real_cursor


def test_server_error_page_renders_with_the_database_down(client, site):
    client.raise_request_exception = False

    with database_down() as attempts:
        response = client.get("/")

    assert attempts, "the request never reached the database: nothing was broken"
    assert response.status_code == 500
    html = response.content.decode()
    page = PageOutline(html)
    assert page.h1s() == ["Something went wrong"]
    assert [link["href"] for link in page.link("stylesheet")] == ["/static/css/site.css"]
    assert 'href="/"' in html
    assert "Traceback" not in html and "OperationalError" not in html


# --- Print ---------------------------------------------------------------------------------------


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


# --- The live count near the top ------------------------------------------------------------------


def test_count_near_the_top_counts_published_signatories_and_links_to_the_list(client, site):
    SignatoryFactory.create_batch(3, state="CA")
    SignatoryFactory(level=Level.NATIONAL, state="")
    SignatoryFactory(name="Draft Org", state="CA", live=False)
    JoinRequestFactory(name="Waiting Org")

    html = client.get("/").content.decode()

    top = re.search(r'<p class="signed-count"><a href="([^"]+)">([^<]+)</a></p>', html)
    assert top, "no count near the top"
    assert top.group(1) == "#signatories"
    assert top.group(2) == "4 organizations have signed"
    assert 'id="signatories"' in html
    assert html.index('class="signed-count"') < html.index('id="signatories"')
    assert html.index("<h1") < html.index('class="signed-count"')


def test_count_near_the_top_costs_no_query_of_its_own(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    SignatoryFactory.create_batch(2)
    client.get("/")  # the list's HTML is now cached

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()

    signatory_queries = [q["sql"] for q in queries if '"signatories_signatory"' in q["sql"]]
    # The count is cached with the list, for the cache generation.
    assert signatory_queries == []
    assert "2 organizations have signed</a>" in html


def test_count_near_the_top_follows_the_blocks_show_count_option(client, site):
    statement = site["statement"]
    statement.body = [
        ("signatory_list", {"heading": "Signatories", "show_count": False}),
    ]
    statement.save_revision().publish()
    SignatoryFactory()

    assert 'class="signed-count"' not in client.get("/").content.decode()


def test_pages_without_the_list_show_no_count(client, site):
    SignatoryFactory()
    assert 'class="signed-count"' not in client.get("/take-action/").content.decode()


# --- Accessible form errors -----------------------------------------------------------------------

JOIN_VALID = {
    "name": "Casa Latina",
    "state": "WA",
    "city": "",
    "website": "",
    "contact_name": "Maria Example",
    "contact_email": "maria@example.org",
    "consent": "on",
}


def test_join_form_errors_are_summarised_linked_and_tied_to_their_fields(client, site):
    data = post_data(JOIN_VALID, contact_email="maria-at-example", consent=None)

    response = client.post("/join/", data)

    html = response.content.decode()
    page = PageOutline(html)
    tag, summary = page.by_id["form-errors"]
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    assert "data-error-summary" in summary
    start = html.index('id="form-errors"')
    summary_html = html[start : html.index("</div>", start)]
    links = re.findall(r'<a href="#([^"]+)">', summary_html)
    assert links == ["id_contact_email", "id_consent"]
    for field_id in links:
        tag, attrs = page.by_id[field_id]
        assert attrs["aria-invalid"] == "true"
        error_id = f"{field_id}_error"
        assert error_id in attrs["aria-describedby"].split()
        assert error_id in page.by_id
    # Fields without errors are not marked invalid, and what was typed is kept.
    assert "aria-invalid" not in page.by_id["id_name"][1]
    assert page.by_id["id_name"][1]["value"] == "Casa Latina"
    # Focus moves to the summary through a static script: the CSP allows no inline one.
    assert any(s.get("src", "").endswith("js/form_errors.js") for s in page.scripts)
    assert client.get("/static/js/form_errors.js").status_code == 200


def test_change_form_links_a_radio_group_error_to_its_first_button(client, site):
    data = post_data(
        {"name": "Casa Latina", "state": "WA", "contact_name": "M", "contact_email": "m@x.org"}
    )

    html = client.post("/join/change/", data).content.decode()

    assert '<a href="#id_change_0">' in html
    tag, first_button = PageOutline(html).by_id["id_change_0"]
    assert (tag, first_button["type"]) == ("input", "radio")
    # The radio group's fieldset points at the message; the buttons are marked invalid.
    assert re.search(r'<fieldset aria-describedby="[^"]*id_change_error', html)


def test_a_form_without_errors_has_no_summary(client, site):
    html = client.get("/join/").content.decode()
    assert 'id="form-errors"' not in html
    assert 'aria-invalid="true"' not in html


# --- Structure every public page shares -----------------------------------------------------------


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
