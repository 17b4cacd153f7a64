"""Share cards and search tags: description, canonical URL, Open Graph and Twitter tags, the
share image, and the fields editors fill in for them."""

import pytest
import wagtail_factories

from .page_outline import PageOutline, outline


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
    assert page.meta["twitter:title"] == "Statement in support of local policies"
    # Without an uploaded share image, the one the site draws (tests/home/test_share_card.py).
    assert page.meta["twitter:card"] == "summary_large_image"
    assert page.meta["og:image"].startswith("http://localhost/share-card.png?v=")


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


def test_deleting_the_share_image_keeps_the_page_and_falls_back_to_the_drawn_one(client, site):
    image = wagtail_factories.ImageFactory(title="Gone soon")
    statement = site["statement"]
    statement.share_image = image
    statement.save_revision().publish()
    image.delete()

    response = client.get("/")

    assert response.status_code == 200
    page = outline(response)
    assert page.meta["og:image"].startswith("http://localhost/share-card.png?v=")
    assert page.meta["twitter:card"] == "summary_large_image"


@pytest.mark.parametrize("key", ["statement", "take_action", "join"])
def test_editors_find_share_fields_on_the_promote_tab(admin_client, site, key):
    html = admin_client.get(f"/admin/pages/{site[key].pk}/edit/").content.decode()
    promote = html[html.index('id="tab-promote"') :]
    assert 'name="share_image"' in promote
    assert 'name="share_summary"' in promote
