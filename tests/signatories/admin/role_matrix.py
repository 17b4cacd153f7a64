"""The admin's roles and every admin URL, with the roles each is refused to and open for (the
permissions matrix's data)."""

from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site

from signatories.models import Signatory

from ...admin_helpers import join_request_url as join
from ...factories import UserFactory

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


def organizer_settings(world):
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["home", "organizersettings", site.pk])


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
    "organizer settings": (
        organizer_settings,
        {"name": "Hijacked coalition", "social_accounts-count": "0"},
    ),
}

SIGNATORY_URLS = {name for name in URLS if name.startswith(("snippet", "bulk", "import"))}
JOIN_URLS = {name for name in URLS if name.startswith("join")}
TASK_URLS = {name for name in URLS if name.startswith("background")}
PAGE_URLS = {name for name in URLS if name.startswith("page")}
SETTINGS_URLS = {"organizer settings"}
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
    | SETTINGS_URLS
    | (PAGE_URLS - {"page explore", "page chooser", "page lock"}),
    SIGNATORY_EDITORS: (PAGE_URLS - {"page chooser"}) | TASK_URLS | SETTINGS_URLS,
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
        "organizer settings",
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


def user_for(role):
    if role == NO_GROUP:
        return UserFactory()
    assert Group.objects.filter(name=role).exists()
    return UserFactory(groups=[role])
