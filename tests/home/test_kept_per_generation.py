"""What a page shows of other pages (the header's menu and home link, the language links, page
links in rich text) is kept for the cache generation: rendered again it is read from there,
and a published, moved or unpublished page shows at once.

A row changed with ``update()`` sends no signal: the page rendered after it still shows what
was kept, which tells the kept values from a fresh read."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def no_page_cache(settings):
    # Every request renders the page, as when its stored copy has expired.
    settings.PAGE_CACHE_SECONDS = 0


def menu(html):
    nav = re.search(r'<ul class="site-nav">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def body_links(html):
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)">Act now</a>', main)


def page_html(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def linked(site_pages):
    """The statement, whose first paragraph links to the Take Action page."""
    statement, take_action = site_pages["statement"], site_pages["take_action"]
    statement.body = [
        ("paragraph", f'<p><a linktype="page" id="{take_action.pk}">Act now</a></p>'),
        *[(block.block_type, block.value) for block in statement.body[1:]],
    ]
    statement.save_revision().publish()
    return site_pages


@pytest.fixture
def in_menu(site_pages):
    take_action = site_pages["take_action"]
    take_action.show_in_menus = True
    take_action.save_revision().publish()
    return site_pages


def test_the_menu_comes_from_the_generation_and_follows_a_publish(client, in_menu):
    take_action = in_menu["take_action"]
    assert ("/take-action/", take_action.title) in menu(page_html(client))

    Page.objects.filter(pk=take_action.pk).update(title="Renamed quietly")
    assert ("/take-action/", take_action.title) in menu(page_html(client))

    take_action.title = "Act with us"
    take_action.save_revision().publish()
    assert ("/take-action/", "Act with us") in menu(page_html(client))


def test_an_unpublished_page_leaves_the_menu_at_once(client, in_menu):
    take_action = in_menu["take_action"]
    assert "/take-action/" in dict(menu(page_html(client)))
    take_action.unpublish()
    assert "/take-action/" not in dict(menu(page_html(client)))


def test_rich_text_links_come_from_the_generation_and_follow_a_move(client, linked):
    take_action = linked["take_action"]
    assert body_links(page_html(client)) == ["/take-action/"]

    Page.objects.filter(pk=take_action.pk).update(url_path="/statement/quiet/")
    assert body_links(page_html(client)) == ["/take-action/"]

    # A new slug, published: Wagtail moves the URL path and the link follows.
    take_action.refresh_from_db()
    take_action.slug = "act"
    take_action.save_revision().publish()
    assert body_links(page_html(client)) == ["/act/"]


def test_a_page_rendered_again_reads_no_page_row_for_its_links(client, linked):
    page_html(client)
    with CaptureQueriesContext(connection) as queries:
        page_html(client)
    page_table = [q["sql"] for q in queries if 'FROM "wagtailcore_page"' in q["sql"]]
    # The statement itself is loaded from its own table (joined to the page's) to be served,
    # and Wagtail's site from the site's: no query for the menu, the home link, the language
    # links or the links in its text.
    assert page_table == []
