"""Moving between languages: the language switcher, hreflang alternate links, and the menu of
each language's home page."""

import re

import pytest
from wagtail.models import Page

from home.models import StatementPage, TakeActionPage

pytestmark = pytest.mark.usefixtures("seeded_module")


@pytest.mark.django_db
def test_switcher_links_to_the_translated_page(client, bilingual_site):
    html = client.get("/join/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert '<a href="/join/" lang="en" hreflang="en" aria-current="page">English</a>' in switcher
    assert '<a href="/es/join/" lang="es" hreflang="es">Español</a>' in switcher
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/join/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/join/">' in html

    routed = client.get("/es/join/change/").content.decode()
    assert '<a href="/join/change/" lang="en" hreflang="en">English</a>' in routed


@pytest.mark.django_db
def test_switcher_falls_back_to_the_home_page_of_a_language_without_the_page(
    client, bilingual_site
):
    statement = StatementPage.objects.get(locale__language_code="en")
    page = statement.add_child(instance=TakeActionPage(title="English only", slug="english-only"))
    page.save_revision().publish()

    html = client.get("/english-only/").content.decode()
    assert '<a href="/es/" lang="es" hreflang="es">Español</a>' in html
    # No hreflang alternates for a page that exists in one language only.
    assert 'rel="alternate"' not in html


def menu_links(html):
    nav = re.search(r'<ul class="site-nav">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"', nav)


@pytest.mark.django_db
def test_the_menu_lists_the_live_menu_pages_under_the_home_page_of_each_language(
    client, bilingual_site
):
    english = StatementPage.objects.get(locale__language_code="en")
    spanish = StatementPage.objects.get(locale__language_code="es")
    hidden = english.add_child(instance=TakeActionPage(title="Hidden", slug="hidden"))
    hidden.save_revision().publish()
    draft = english.add_child(
        instance=TakeActionPage(title="Draft", slug="draft", show_in_menus=True, live=False)
    )
    draft.save_revision()
    deeper = hidden.add_child(
        instance=TakeActionPage(title="Deeper", slug="deeper", show_in_menus=True)
    )
    deeper.save_revision().publish()
    spanish_only = spanish.add_child(
        instance=TakeActionPage(title="Solo", slug="solo", show_in_menus=True)
    )
    spanish_only.save_revision().publish()

    assert menu_links(client.get("/").content.decode()) == ["/take-action/", "/join/"]
    assert menu_links(client.get("/join/").content.decode()) == ["/take-action/", "/join/"]
    assert menu_links(client.get("/es/").content.decode()) == [
        "/es/take-action/",
        "/es/join/",
        "/es/solo/",
    ]


@pytest.mark.django_db
def test_the_menu_of_a_home_page_moved_away_from_the_site_root(client, bilingual_site):
    """A translated home page is normally the site root's sibling; elsewhere, its menu still
    lists its own children."""
    spanish = StatementPage.objects.get(locale__language_code="es")
    holder = Page.get_first_root_node().add_child(instance=Page(title="Archive", slug="archive"))
    spanish.move(holder, pos="last-child")
    expected = [page.get_url() for page in spanish.get_children().live().in_menu()]

    assert len(expected) == 2
    assert menu_links(client.get("/es/").content.decode()) == expected
