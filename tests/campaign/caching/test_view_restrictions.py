"""Private pages stay private through every cache: Wagtail's own view-restriction check runs
for every page served, remembered routes and stored pages included."""

from django.core.cache import caches
from django.test import Client
from wagtail.models import PageViewRestriction


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="s3cret")


def test_a_restricted_statement_page_is_not_shown_with_every_cache_empty(client, site_pages):
    client.get("/")
    restrict(site_pages["statement"])
    for cache in caches.all():
        cache.clear()

    response = client.get("/")

    assert 'name="password"' in response.content.decode()
    assert "We stand together." not in response.content.decode()


def test_a_page_made_private_is_never_served_from_the_page_cache_again(client, site_pages):
    assert "We stand together." in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"
    restriction = restrict(site_pages["statement"])

    response = client.get("/")
    assert 'name="password"' in response.content.decode()
    assert "We stand together." not in response.content.decode()

    restriction.delete()
    assert "We stand together." in client.get("/").content.decode()


def test_a_restriction_on_an_ancestor_applies_to_a_remembered_route(site_pages):
    assert Client().get("/take-action/").status_code == 200
    restrict(site_pages["statement"], PageViewRestriction.LOGIN)

    response = Client().get("/take-action/")

    # Wagtail sends visitors who are not logged in to its login view, then back here.
    assert response.status_code == 302
    assert response["Location"].endswith("?next=/take-action/")
