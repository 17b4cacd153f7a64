"""The statement at /es/: Spanish interface, state headings and jump links, the same published
signatories as in English, links to Spanish pages, the active locale, and the sitemap."""

import re

import pytest

from signatories.models import JoinPage

from ..factories import JoinRequestFactory, SignatoryFactory

pytestmark = pytest.mark.usefixtures("seeded_module")


def headings(html):
    return re.findall(r'<h3 id="[^"]+-heading">([^<]+)</h3>', html)


def jump_links(html):
    nav = re.search(r'<nav class="jump-nav".*?</nav>', html, re.S)
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(0)) if nav else []


@pytest.mark.django_db
def test_spanish_statement_has_spanish_interface_and_state_headings(client, bilingual_site):
    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()

    assert '<html lang="es">' in spanish
    assert headings(spanish) == ["Nacional", "Carolina del Norte", "Maryland", "Nueva York"]
    assert "4 organizaciones han firmado" in spanish
    assert "Ir al contenido" in spanish
    # The English page, rendered first and cached, is not what Spanish readers get.
    assert headings(english) == ["National", "Maryland", "New York", "North Carolina"]
    assert "4 organizations have signed" in english
    assert "Carolina del Norte" not in english


@pytest.mark.django_db
def test_spanish_jump_links_follow_the_spanish_names(client, bilingual_site):
    spanish = jump_links(client.get("/es/").content.decode())
    english = jump_links(client.get("/").content.decode())
    # Each heading by its name in the page's language, in that language's order.
    assert spanish == [
        ("national", "Nacional"),
        ("state-nc", "Carolina del Norte"),
        ("state-md", "Maryland"),
        ("state-ny", "Nueva York"),
    ]
    assert english == [
        ("national", "National"),
        ("state-md", "Maryland"),
        ("state-ny", "New York"),
        ("state-nc", "North Carolina"),
    ]


@pytest.mark.django_db
def test_the_same_published_signatories_in_both_languages_and_pending_in_neither(
    client, bilingual_site
):
    SignatoryFactory(name="Unpublished Group", state="NC", live=False)
    JoinRequestFactory(name="Waiting Group", state="NC")

    for url in ["/", "/es/"]:
        html = client.get(url).content.decode()
        for name in ["National Immigration Law Center", "El Pueblo", "Make the Road New York"]:
            assert name in html, (url, name)
        assert "Unpublished Group" not in html
        assert "Waiting Group" not in html


@pytest.mark.django_db
def test_links_in_a_spanish_copy_lead_to_spanish_pages(client, bilingual_site):
    statement = client.get("/es/").content.decode()
    assert '<a href="/es/join/">Haga clic aquí para sumarse</a>' in statement
    take_action = client.get("/es/take-action/").content.decode()
    main = take_action[take_action.index("<main") :]
    # The starter call to action and action card point at the join page by id.
    assert 'href="/es/join/"' in main
    assert 'href="/join/"' not in main


def test_a_link_whose_translation_is_unpublished_leads_to_the_original(client, bilingual_site):
    JoinPage.objects.get(locale__language_code="es").unpublish()

    statement = client.get("/es/").content.decode()

    assert '<a href="/join/">Haga clic aquí para sumarse</a>' in statement


@pytest.mark.django_db
def test_sitemap_lists_the_pages_of_both_languages(client, bilingual_site):
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    # The seed puts the site at PUBLIC_URL, the test client's host in the test settings.
    paths = sorted(location.removeprefix("http://testserver") for location in locations)
    assert paths == [
        "/",
        "/about/",
        "/es/",
        "/es/about/",
        "/es/join/",
        "/es/privacy/",
        "/es/take-action/",
        "/join/",
        "/privacy/",
        "/take-action/",
    ]
