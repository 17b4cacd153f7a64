"""Wagtail's routing is remembered per process, and forgotten as soon as the page tree changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from campaign.caching.route_memo import RouteMemo
from signatories.models import JoinRequest

from ...helpers import form_data


def routing_queries(client, path, method="get", **data):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, data) if data else getattr(client, method)(path)
    sql = [query["sql"] for query in captured.captured_queries]
    return response, [q for q in sql if "wagtailcore_site" in q or "wagtailcore_page" in q]


def page_tree_walk(sql):
    """The queries Wagtail's routing makes for each level of the path below the site."""
    columns = 'SELECT "wagtailcore_page"."id", "wagtailcore_page"."path"'
    return [q for q in sql if q.startswith(columns)]


def test_a_page_seen_before_is_routed_without_walking_the_page_tree(site_pages):
    first, first_routing = routing_queries(Client(), "/take-action/")
    again, again_routing = routing_queries(Client(), "/take-action/")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    # Loading the remembered page is one query; the first visit walks the tree level by level.
    assert len(page_tree_walk(again_routing)) < len(page_tree_walk(first_routing))
    assert len(again_routing) < len(first_routing)


def test_a_join_post_is_routed_from_memory_and_stored(site_pages):
    Client().get("/join/")  # routed once, by the first visitor
    response, routing = routing_queries(Client(), "/join/", "post", **form_data())
    assert response.status_code == 302 and response["Location"] == "/join/thanks/"
    assert len(page_tree_walk(routing)) <= 1


def restriction_queries(client, path, method="get", **data):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, data)
    sql = [query["sql"] for query in captured.captured_queries]
    return response, [q for q in sql if "wagtailcore_pageviewrestriction" in q]


def test_a_join_page_made_private_refuses_posts_at_once(site_pages):
    Client().get("/join/")
    restriction_queries(Client(), "/join/", "post", **form_data(name="Before Alliance"))
    PageViewRestriction.objects.create(
        page=site_pages["join"], restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response, restrictions = restriction_queries(
        Client(), "/join/", "post", **form_data(name="After Alliance")
    )
    assert restrictions, "the restriction is read again once the page tree changed"
    assert 'name="password"' in response.content.decode()
    assert not JoinRequest.objects.filter(name="After Alliance").exists()
    assert JoinRequest.objects.filter(name="Before Alliance").exists()


def test_a_new_slug_is_served_and_the_old_path_gone_after_publishing(site_pages, editor):
    client = Client()
    assert client.get("/take-action/").status_code == 200
    page = site_pages["take_action"]
    page.slug = "act-now"
    page.save_revision(user=editor).publish(user=editor)
    assert client.get("/take-action/").status_code == 404
    assert client.get("/act-now/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(site_pages, editor):
    client = Client()
    assert client.get("/take-action/").status_code == 200
    site_pages["take_action"].unpublish(user=editor)
    assert client.get("/take-action/").status_code == 404


def test_a_page_made_private_asks_for_its_password_at_once(site_pages):
    client = Client()
    assert client.get("/take-action/").status_code == 200
    PageViewRestriction.objects.create(
        page=site_pages["take_action"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret",
    )
    response = client.get("/take-action/")
    assert "Take Action" not in response.content.decode().split("<main", 1)[-1].split("</h1>")[0]
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_each_language_keeps_its_own_route(seeded_site):
    for _ in range(2):
        english = Client().get("/join/").content.decode()
        spanish = Client().get("/es/join/").content.decode()
        assert 'lang="en"' in english and "Organization name" in english
        assert 'lang="es"' in spanish and "Nombre de la organización" in spanish


def test_the_memo_keeps_only_recent_routes_of_the_current_generation():
    memo = RouteMemo(size=2)
    for path in ("a", "b", "c"):
        memo.put("g1", path, path.upper())
    assert memo.get("g1", "a") is None
    assert (memo.get("g1", "b"), memo.get("g1", "c")) == ("B", "C")
    assert memo.get("g2", "c") is None
    memo.put("g2", "d", "D")
    assert memo.get("g1", "c") is None and memo.get("g2", "d") == "D"
