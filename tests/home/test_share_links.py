"""Share links: plain links (no network's script) on the statement, the Take Action page and
the thank-you page, with the live count in the text, the statement's title as the email
subject, and every value percent-encoded and HTML-escaped."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

from campaign.sharing import share_links

from ..factories import SignatoryFactory
from .page_outline import outline

HOSTILE = 'Stand "together" & <script>alert(1)</script> 100% #1 ?x=y'
NETWORKS = ["email", "bluesky", "x", "facebook", "linkedin", "whatsapp"]


def outline_links(html):
    """{network: href} of the share links in a page, as a browser reads the attributes."""
    found = {}

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "a" and "data-share" in attrs:
                found[attrs["data-share"]] = attrs["href"]

    Links(convert_charrefs=True).feed(html)
    return found


def test_share_links_carry_text_url_and_subject_intact_whatever_they_contain():
    url = "https://statement.example.org/?a=1&b=2"
    links = {link.network: link.href for link in share_links(url, HOSTILE, HOSTILE)}

    assert list(links) == NETWORKS
    email = urlparse(links["email"])
    assert email.scheme == "mailto"
    email_query = parse_qs(email.query)
    assert email_query["subject"] == [HOSTILE]
    assert email_query["body"] == [f"{HOSTILE}\n\n{url}"]
    # Mail programs read "+" as a plus sign: spaces must be %20.
    assert "+" not in links["email"] and "%20" in links["email"]
    assert parse_qs(urlparse(links["bluesky"]).query)["text"] == [f"{HOSTILE} {url}"]
    assert parse_qs(urlparse(links["x"]).query) == {"text": [HOSTILE], "url": [url]}
    assert parse_qs(urlparse(links["facebook"]).query) == {"u": [url]}
    assert parse_qs(urlparse(links["linkedin"]).query) == {"url": [url]}
    assert parse_qs(urlparse(links["whatsapp"]).query)["text"] == [f"{HOSTILE} {url}"]
    for network in NETWORKS[1:]:
        assert urlparse(links[network]).scheme == "https"


def test_statement_page_shares_the_live_count_with_its_title_as_the_email_subject(client, site):
    SignatoryFactory.create_batch(4)

    html = client.get("/").content.decode()

    links = outline_links(html)
    assert sorted(links) == sorted(NETWORKS)
    email = parse_qs(urlparse(links["email"]).query)
    assert email["subject"] == ["Our statement"]
    assert email["body"][0].startswith("4 organizations have signed “Our statement”.")
    assert email["body"][0].endswith("\n\nhttp://localhost/")
    assert 'data-copy-link="http://localhost/"' in html
    assert "Hundreds of organizations" not in html


def test_share_text_follows_the_count(client, site):
    SignatoryFactory()
    assert "1 organization has signed “Our statement”" in client.get("/").content.decode()
    SignatoryFactory()
    assert "2 organizations have signed “Our statement”" in client.get("/").content.decode()


def test_share_links_escape_the_title_in_the_page(client, site):
    statement = site["statement"]
    statement.title = HOSTILE
    statement.save_revision().publish()

    html = client.get("/").content.decode()

    assert "<script>alert(1)</script>" not in html
    links = outline_links(html)
    assert parse_qs(urlparse(links["email"]).query)["subject"] == [HOSTILE]


def test_share_links_load_no_script_from_another_site(client, site):
    for path in ["/", "/join/thanks/"]:
        scripts = [script["src"] for script in outline(client.get(path)).scripts]
        assert "/static/js/share.js" in scripts, path
        assert all(src.startswith("/static/") for src in scripts), scripts


def test_seeded_take_action_page_shares_the_count_not_a_guess(client, seeded_site):
    SignatoryFactory.create_batch(2)

    html = client.get("/take-action/").content.decode()

    assert "Hundreds of organizations" not in html
    assert "2 organizations have signed" in outline_links(html)["whatsapp"].replace("%20", " ")


def test_thank_you_page_says_first_what_happens_next_and_offers_share_links(client, site):
    SignatoryFactory()

    html = client.get("/join/thanks/").content.decode()

    after_heading = html.split("</h1>", 1)[1].lstrip()
    assert after_heading.startswith('<p class="next-step"><strong>Check your inbox and click')
    assert sorted(outline_links(html)) == sorted(NETWORKS)
    body = parse_qs(urlparse(outline_links(html)["email"]).query)["body"][0]
    assert body.endswith("http://localhost/")


def test_a_statement_whose_list_hides_the_count_shares_no_count(client, site):
    SignatoryFactory.create_batch(3)
    statement = site["statement"]
    statement.body = [
        ("signatory_list", {"heading": "Signatories", "show_count": False}),
    ]
    statement.save_revision().publish()

    for path in ["/", "/join/thanks/"]:
        html = client.get(path).content.decode()
        assert "organizations have signed" not in html, path
        assert "Read “Our statement” and add your organization." in html, path
