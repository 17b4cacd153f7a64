"""Every admin URL, for every role: refused outside the role (and nothing changes), open inside.

Roles (home/migrations/0002, 0003, 0005, 0008): Communications edit pages and the organizer
settings, and submit pages for review; Reviewers approve or send back what is submitted to
them, and outside a review may only browse and lock pages (tests/home/test_review_workflow.py
covers a review in progress); Signatory editors keep the list and decide join requests; an
authenticated user in no group has no admin access at all. The URLs and the roles' lists are
in role_matrix.py.
"""

import io

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

from home.models import OrganizerSettings
from signatories.models import JoinRequest, Signatory

from ...db_helpers import build_site_pages, fixture_built_once_per_module
from .admin_world import build_world
from .role_matrix import (
    ASK_ONLY,
    DENIED_MESSAGE,
    NO_GROUP,
    OUTSIDE_ROLE,
    ROLES,
    URLS,
    WITHIN_ROLE,
    user_for,
)

pytestmark = pytest.mark.django_db


# Hundreds of cases, each in a savepoint of its own, share one world.
world = fixture_built_once_per_module(lambda: build_world(build_site_pages()))


def snapshot():
    """Everything a refused request could have changed."""
    return {
        "signatories": sorted(
            Signatory.objects.values_list(
                "pk", "name", "note", "live", "has_unpublished_changes", "latest_revision_id"
            )
        ),
        "requests": sorted(
            JoinRequest.objects.values_list("pk", "name", "status", "signatory_id", "editor_note")
        ),
        "pages": sorted(
            Page.objects.values_list(
                "pk", "title", "draft_title", "slug", "path", "live", "locked", "latest_revision_id"
            )
        ),
        "revisions": Revision.objects.count(),
        "page log": PageLogEntry.objects.count(),
        "model log": ModelLogEntry.objects.count(),
        "tasks": sorted(DBTaskResult.objects.values_list("pk", "status")),
        "organizer": sorted(OrganizerSettings.objects.values_list("pk", "name", "description")),
    }


def post_data(name, data, world):
    if data == "UPLOAD":
        upload = io.BytesIO(b"name,state\nSneaky Org,TX\n")
        upload.name = "sneaky.csv"
        return {"file": upload}
    if data == "POST_ONLY":
        return {}
    data = dict(data)
    if data.get("keep") == "KEEP":
        data["keep"] = str(world["casa"].pk)
    if data.get("new_parent_page") == "PARENT":
        data["new_parent_page"] = str(world["statement"].pk)
    return data


def assert_refused(response, role, url):
    if role == NO_GROUP:
        # No admin access at all: to the login page, which says why.
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url
        return
    if response.status_code == 403:
        return
    assert response.status_code == 302, (url, response.status_code)
    assert response["Location"] == reverse("wagtailadmin_home"), (url, response["Location"])


def refused_cases():
    return [(role, name) for role in ROLES for name in sorted(OUTSIDE_ROLE[role])]


@pytest.mark.parametrize(("role", "name"), refused_cases())
def test_refused_outside_the_role(client, world, role, name):
    build, data = URLS[name]
    url = build(world)
    client.force_login(user_for(role))
    before = snapshot()

    if data != "POST_ONLY":
        response = client.get(url)
        if name in ASK_ONLY and role != NO_GROUP:
            # Wagtail shows this confirmation to anyone; its POST checks the permission.
            assert response.status_code == 200
        else:
            assert_refused(response, role, url)
            if role != NO_GROUP and response.status_code == 302:
                followed = client.get(response["Location"])
                assert DENIED_MESSAGE in followed.content.decode()

    if data is not None:
        response = client.post(url, post_data(name, data, world))
        assert_refused(response, role, url)

    assert snapshot() == before


@pytest.mark.parametrize(
    ("role", "name"), [(role, name) for role, names in WITHIN_ROLE.items() for name in names]
)
def test_open_within_the_role(client, world, role, name):
    build, _ = URLS[name]
    assert name not in OUTSIDE_ROLE[role]
    url = build(world)
    client.force_login(user_for(role))
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    if name.startswith("bulk"):
        assert "You don't have permission to" not in response.content.decode()


def test_every_url_is_covered(world):
    """Each URL is refused or allowed for each role, and both lists name real URLs."""
    for role in ROLES:
        assert OUTSIDE_ROLE[role] <= set(URLS)
        assert set(WITHIN_ROLE.get(role, [])) <= set(URLS)
        assert not OUTSIDE_ROLE[role] & set(WITHIN_ROLE.get(role, []))
    for name, (build, _) in URLS.items():
        assert build(world).startswith("/admin/"), name
