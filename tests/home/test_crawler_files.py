"""What crawlers and browsers fetch beside the pages: robots.txt, sitemap.xml and the favicon."""

import re

from wagtail.models import PageViewRestriction

from home.models import TakeActionPage

from .page_outline import outline


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
