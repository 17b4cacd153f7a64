"""Every admin URL, for every role: refused outside the role (and nothing changes), open inside.

Roles (home/migrations/0002, 0003, 0005): Communications edit pages and submit them for
review; Reviewers approve or send back what is submitted to them, and outside a review may only
browse and lock pages (tests/home/test_review_workflow.py covers a review in progress);
Signatory editors keep the list and decide join requests; an authenticated user in no group has
no admin access at all.
"""

import io
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

from home.models import TakeActionPage
from signatories.models import JoinRequest, Signatory

from ...admin_helpers import join_request_url as join
from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory

COMMUNICATIONS = "Communications"
SIGNATORY_EDITORS = "Signatory editors"
REVIEWERS = "Reviewers"
NO_GROUP = "no group"
ROLES = [COMMUNICATIONS, SIGNATORY_EDITORS, REVIEWERS, NO_GROUP]
DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


def snippet(action, *args):
    return reverse(Signatory.snippet_viewset.get_url_name(action), args=args)


def chooser(action, *args):
    return reverse(Signatory.snippet_viewset.chooser_viewset.get_url_name(action), args=args)


def page(action, *args):
    return reverse(f"wagtailadmin_pages:{action}", args=args)


def bulk(action, *signatories):
    path = reverse("wagtail_bulk_action", args=["signatories", "signatory", action])
    return f"{path}?{urlencode([('id', signatory.pk) for signatory in signatories])}"


# name → (url builder, form data for a POST that would change something, or None)
URLS = {
    "snippet list": (lambda w: snippet("list"), None),
    "snippet list results": (lambda w: snippet("list_results"), None),
    "snippet export csv": (lambda w: snippet("list") + "?export=csv", None),
    "snippet add": (
        lambda w: snippet("add"),
        {"name": "Sneaky", "level": "national", "state": "", "action-publish": "action-publish"},
    ),
    "snippet edit": (
        lambda w: snippet("edit", w["casa"].pk),
        {"name": "Hijacked", "level": "state", "state": "WA", "action-publish": "1"},
    ),
    "snippet delete": (lambda w: snippet("delete", w["casa"].pk), {}),
    "snippet history": (lambda w: snippet("history", w["casa"].pk), None),
    "snippet inspect": (lambda w: snippet("inspect", w["casa"].pk), None),
    "snippet usage": (lambda w: snippet("usage", w["casa"].pk), None),
    "snippet unpublish": (lambda w: snippet("unpublish", w["casa"].pk), {}),
    "snippet revisions compare": (
        lambda w: reverse(
            Signatory.snippet_viewset.get_url_name("revisions_compare"),
            args=[w["casa"].pk, w["casa_revisions"][0].pk, w["casa_revisions"][1].pk],
        ),
        None,
    ),
    "snippet revisions revert": (
        lambda w: snippet("revisions_revert", w["casa"].pk, w["casa_revisions"][0].pk),
        {"name": "Reverted", "level": "state", "state": "WA", "action-publish": "1"},
    ),
    "bulk publish": (lambda w: bulk("publish", w["draft"]), {}),
    "bulk unpublish": (lambda w: bulk("unpublish", w["casa"], w["praxis"]), {}),
    "bulk delete": (lambda w: bulk("delete", w["casa"], w["praxis"]), {}),
    "bulk merge": (lambda w: bulk("merge", w["casa"], w["praxis"]), {"keep": "KEEP"}),
    "snippet chooser": (lambda w: chooser("choose"), None),
    "snippet chooser results": (lambda w: chooser("choose_results"), None),
    "snippet chosen": (lambda w: chooser("chosen", w["draft"].pk), None),
    "snippet chosen multiple": (
        lambda w: chooser("chosen_multiple") + f"?id={w['draft'].pk}&id={w['casa'].pk}",
        None,
    ),
    "import": (lambda w: reverse("signatories_import"), "UPLOAD"),
    "delivery document": (lambda w: reverse("signatories_delivery"), None),
    "page explore": (lambda w: reverse("wagtailadmin_explore", args=[w["statement"].pk]), None),
    "page edit": (
        lambda w: page("edit", w["statement"].pk),
        {"title": "Hijacked", "slug": "statement", "action-publish": "action-publish"},
    ),
    "page add": (
        lambda w: page("add", "home", "takeactionpage", w["statement"].pk),
        {"title": "Sneaky page", "slug": "sneaky", "action-publish": "action-publish"},
    ),
    "page delete": (lambda w: page("delete", w["take_action"].pk), {}),
    "page unpublish": (lambda w: page("unpublish", w["take_action"].pk), {}),
    "page copy": (
        lambda w: page("copy", w["take_action"].pk),
        {"new_title": "Copied", "new_slug": "copied", "new_parent_page": "PARENT"},
    ),
    "page move": (lambda w: page("move", w["take_action"].pk), None),
    "page move confirm": (
        lambda w: page("move_confirm", w["join"].pk, w["take_action"].pk),
        {},
    ),
    "page lock": (lambda w: page("lock", w["statement"].pk), "POST_ONLY"),
    "page history": (lambda w: page("history", w["statement"].pk), None),
    "page revisions compare": (
        lambda w: reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[w["statement"].pk, w["page_revisions"][0].pk, w["page_revisions"][1].pk],
        ),
        None,
    ),
    "page revision view": (
        lambda w: page("revisions_view", w["statement"].pk, w["page_revisions"][0].pk),
        None,
    ),
    "page revision revert": (
        lambda w: page("revisions_revert", w["statement"].pk, w["page_revisions"][0].pk),
        None,
    ),
    "page chooser": (lambda w: reverse("wagtailadmin_choose_page"), None),
    "join queue": (lambda w: join("index"), None),
    "join inspect": (lambda w: join("inspect", w["request"].pk), None),
    "join history": (lambda w: join("history", w["request"].pk), None),
    "join edit": (
        lambda w: join("edit", w["request"].pk),
        {"name": "Hijacked", "level": "state", "state": "TX", "contact_name": "X"},
    ),
    "join delete": (lambda w: join("delete", w["request"].pk), {}),
    "join approve": (lambda w: join("approve", w["request"].pk), {"editor_note": "ok"}),
    "join reject": (lambda w: join("reject", w["request"].pk), {"editor_note": "no"}),
    "background tasks": (
        lambda w: reverse("django_tasks_database_dbtaskresult_modeladmin_index"),
        None,
    ),
    "background task inspect": (
        lambda w: reverse(
            "django_tasks_database_dbtaskresult_modeladmin_inspect", args=[w["task"].pk]
        ),
        None,
    ),
    "background task history": (
        lambda w: reverse(
            "django_tasks_database_dbtaskresult_modeladmin_history", args=[w["task"].pk]
        ),
        None,
    ),
}

SIGNATORY_URLS = {name for name in URLS if name.startswith(("snippet", "bulk", "import"))}
JOIN_URLS = {name for name in URLS if name.startswith("join")}
TASK_URLS = {name for name in URLS if name.startswith("background")}
PAGE_URLS = {name for name in URLS if name.startswith("page")}
# Publishing rights in Wagtail include deleting, unpublishing and moving live pages.
PUBLISH_URLS = {"page unpublish", "page delete", "page move", "page move confirm"}

# Wagtail renders these confirmation pages without a permission check (the question shows
# nothing the user cannot see elsewhere); the POST that acts is what is refused.
ASK_ONLY = {"page move confirm"}

OUTSIDE_ROLE = {
    COMMUNICATIONS: SIGNATORY_URLS | JOIN_URLS | TASK_URLS | PUBLISH_URLS,
    # Locking edits nothing; the explorer and the chooser only show pages.
    REVIEWERS: SIGNATORY_URLS
    | JOIN_URLS
    | TASK_URLS
    | (PAGE_URLS - {"page explore", "page chooser", "page lock"}),
    SIGNATORY_EDITORS: (PAGE_URLS - {"page chooser"}) | TASK_URLS,
    NO_GROUP: set(URLS),
}

WITHIN_ROLE = {
    COMMUNICATIONS: [
        "page explore",
        "page edit",
        "page add",
        "page history",
        "page revisions compare",
        "page revision view",
        "page chooser",
        "delivery document",
    ],
    REVIEWERS: ["page explore", "page chooser", "delivery document"],
    SIGNATORY_EDITORS: [
        "snippet list",
        "snippet export csv",
        "snippet add",
        "snippet edit",
        "snippet inspect",
        "snippet history",
        "snippet usage",
        "snippet revisions compare",
        "bulk publish",
        "bulk unpublish",
        "bulk delete",
        "bulk merge",
        "snippet chooser",
        "snippet chooser results",
        "snippet chosen",
        "snippet chosen multiple",
        "import",
        "delivery document",
        "join queue",
        "join inspect",
        "join history",
        "join approve",
        "join reject",
    ],
}


@pytest.fixture
def world(site_pages):
    casa = SignatoryFactory(name="Casa Latina", state="WA", city="Seattle")
    first = casa.save_revision()
    casa.note = "for identification purposes only"
    second = casa.save_revision()
    second.publish()
    statement = Page.objects.get(pk=site_pages["statement"].pk).specific
    page_first = statement.save_revision()
    statement.title = "Our statement, reworded"
    page_second = statement.save_revision()
    page_second.publish()
    task = DBTaskResult.objects.create(
        task_path="signatories.joining.email_tasks.send_acknowledgment",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        priority=0,
    )
    return {
        **site_pages,
        "statement": statement,
        "casa": casa,
        "casa_revisions": [first, second],
        "praxis": SignatoryFactory(name="The Praxis Project", national=True),
        "draft": SignatoryFactory(name="Draft Alliance", state="TX", live=False),
        "request": JoinRequestFactory(name="Faith Action Network", state="WA"),
        "page_revisions": [page_first, page_second],
        "task": task,
    }


def user_for(role):
    if role == NO_GROUP:
        return UserFactory()
    assert Group.objects.filter(name=role).exists()
    return UserFactory(groups=[role])


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


@pytest.mark.parametrize("role", [COMMUNICATIONS, REVIEWERS])
def test_join_request_history_is_refused_outside_the_role(client, world, role):
    """modeladmin's history view checked no permission: any admin user could read it."""
    client.force_login(user_for(role))
    response = client.get(join("history", world["request"].pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", [COMMUNICATIONS, REVIEWERS])
@pytest.mark.parametrize("action", ["choose", "choose_results"])
def test_snippet_chooser_is_refused_outside_the_role(client, world, role, action):
    """Wagtail's own chooser listed every signatory, drafts included, to any admin user."""
    client.force_login(user_for(role))
    response = client.get(chooser(action) + "?q=Draft")
    assert response.status_code in (302, 403)
    assert b"Draft Alliance" not in response.content


@pytest.mark.parametrize("role", [COMMUNICATIONS, REVIEWERS])
@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "merge"])
def test_bulk_action_pages_name_no_signatory_outside_the_role(client, world, role, action):
    """Wagtail's bulk action pages listed every signatory asked for (?id=all: all of them,
    drafts included) to any admin user, as ones they "don't have permission to" change."""
    client.force_login(user_for(role))
    path = reverse("wagtail_bulk_action", args=["signatories", "signatory", action])

    response = client.get(f"{path}?id=all")
    # Refused as Wagtail refuses any admin view: to the dashboard, with its message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    followed = client.get(response["Location"])

    assert DENIED_MESSAGE in followed.content.decode()
    for name in ["Draft Alliance", "Casa Latina", "The Praxis Project"]:
        assert name.encode() not in response.content + followed.content


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete", "move"])
def test_page_bulk_action_pages_name_no_page_to_signatory_editors(client, world, action):
    """The same for pages: Signatory editors, who hold no page permission, read every page's
    title there, drafts included."""
    world["statement"].add_child(
        instance=TakeActionPage(title="Draft campaign plans", slug="plans", live=False)
    )
    path = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    client.force_login(user_for(SIGNATORY_EDITORS))

    response = client.get(f"{path}?id=all")

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert b"Draft campaign plans" not in client.get(response["Location"]).content


def test_communications_still_reach_the_page_bulk_actions(client, world):
    path = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.force_login(user_for(COMMUNICATIONS))
    response = client.get(f"{path}?id={world['take_action'].pk}")
    assert response.status_code == 200


def test_signatory_editors_choose_drafts_and_published_alike(client, world):
    client.force_login(user_for(SIGNATORY_EDITORS))

    listed = client.get(chooser("choose")).content.decode()
    chosen = client.get(chooser("chosen", world["draft"].pk)).json()

    assert "Draft Alliance" in listed
    assert "Casa Latina" in listed
    assert chosen["result"]["string"] == "Draft Alliance"
