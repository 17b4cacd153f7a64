"""The embeddable widget partners frame on their sites, and the admin page with its code."""

import html

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings
from wagtail.models import Site

from ..factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ..helpers import csp

EMBED = "/embed/"
ADMIN_PAGE = "/admin/signatories/embed/"


@pytest.fixture
def signed(site_pages):
    SignatoryFactory.create_batch(4, state="CA")
    SignatoryFactory(national=True)
    SignatoryFactory(state="TX", live=False)  # a draft: not counted
    JoinRequestFactory()  # pending: not counted
    return 5


def test_embed_shows_the_published_count_and_a_join_button(client, signed):
    response = client.get(EMBED)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one(".embed__number").get_text() == "5"
    assert "5 organizations have signed" in " ".join(soup.title.get_text().split())
    join = soup.select_one("a.embed__join")
    assert join["href"] == "http://testserver/join/"
    assert join["target"] == "_blank"
    assert "noopener" in join["rel"]
    assert "opens in a new tab" in join.get_text()


def test_embed_is_frameable_by_any_site(client, signed):
    response = client.get(EMBED)
    assert "X-Frame-Options" not in response
    policy = csp(response)
    assert policy["frame-ancestors"] == "*"
    # The rest of the policy stays strict.
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["object-src"] == "'none'"


@pytest.mark.parametrize("path", ["/", "/join/"])
def test_every_other_page_still_refuses_framing(client, signed, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert csp(response)["frame-ancestors"] == "'none'"


def test_embed_count_follows_the_published_list(client, signed):
    client.get(EMBED)
    SignatoryFactory(state="NY")
    soup = BeautifulSoup(client.get(EMBED).content.decode(), "html.parser")
    assert soup.select_one(".embed__number").get_text() == "6"


def test_embed_costs_one_query_when_cached(client, signed, django_assert_max_num_queries):
    client.get(EMBED)
    # The list-state check that keys the cache; the count and links come from the cache.
    with django_assert_max_num_queries(1):
        client.get(EMBED)


def test_embed_accepts_only_reads(client, signed):
    assert client.post(EMBED).status_code == 405


def test_admin_page_requires_login(client, db):
    response = client.get(ADMIN_PAGE)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@override_settings(WAGTAILADMIN_BASE_URL="https://statement.example.org")
def test_any_editor_sees_the_code_escaped_with_the_public_url(client, site_pages):
    client.force_login(UserFactory(groups=["Communications"]))
    response = client.get(ADMIN_PAGE)
    assert response.status_code == 200
    content = response.content.decode()
    snippet = '<iframe src="https://statement.example.org/embed/"'
    # Shown as text to copy, not as a live element with that address.
    assert html.escape(snippet) in content
    assert snippet not in content
    soup = BeautifulSoup(content, "html.parser")
    codes = [textarea.get_text() for textarea in soup.select("textarea")]
    assert codes and all(code.startswith(snippet) for code in codes)
    # The previews frame the widget from this site.
    assert [frame["src"] for frame in soup.select("iframe")] == ["/embed/"] * len(codes)


def test_admin_page_is_in_the_menu(client, site_pages):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    response = client.get("/admin/")
    assert ADMIN_PAGE in response.content.decode()


def test_a_site_name_with_markup_cannot_break_out_of_the_code(client, site_pages):
    Site.objects.update(site_name='Us "All" <b>')
    client.force_login(UserFactory(groups=["Communications"]))
    soup = BeautifulSoup(client.get(ADMIN_PAGE).content.decode(), "html.parser")
    code = soup.select_one("textarea").get_text()
    assert 'title="Us &quot;All&quot; &lt;b&gt;: organizations that have signed"' in code
    assert "<b>" not in code


@pytest.mark.skipif(
    not getattr(settings, "WAGTAIL_I18N_ENABLED", False), reason="the Spanish site is not set up"
)
def test_spanish_widget_is_in_spanish_and_frameable(client, signed):
    response = client.get("/es/embed/")
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert "X-Frame-Options" not in response
    assert csp(response)["frame-ancestors"] == "*"
