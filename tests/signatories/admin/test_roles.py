"""The two editor roles: Communications edits pages, Signatory editors keep the list."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from signatories.models import Signatory

from ...admin_helpers import page_edit_url, signatory_url, statement_edit_data
from ...factories import SignatoryFactory, UserFactory

COMMUNICATIONS = "Communications"
SIGNATORY_EDITORS = "Signatory editors"
DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


def join_queue_url():
    return reverse("signatories_joinrequest_modeladmin_index")


def assert_denied(client, url):
    """Wagtail's admin answers a forbidden page with a redirect to the dashboard and a message."""
    response = client.get(url)
    assert response.status_code == 302, url
    assert response["Location"] == reverse("wagtailadmin_home")
    followed = client.get(url, follow=True)
    assert DENIED_MESSAGE in followed.content.decode()


@pytest.fixture
def communications_user(db):
    return UserFactory(groups=[COMMUNICATIONS])


@pytest.fixture
def signatory_editor(db):
    return UserFactory(groups=[SIGNATORY_EDITORS])


# --- the groups ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_both_groups_exist_after_migrations():
    communications = Group.objects.get(name=COMMUNICATIONS)
    editors = Group.objects.get(name=SIGNATORY_EDITORS)

    assert communications.permissions.filter(codename="access_admin").exists()
    page_permissions = set(
        GroupPagePermission.objects.filter(group=communications).values_list(
            "permission__codename", "page__depth"
        )
    )
    assert page_permissions == {
        ("add_page", 1),
        ("change_page", 1),
        ("lock_page", 1),
        ("unlock_page", 1),
    }
    assert not communications.permissions.filter(content_type__app_label="signatories").exists()

    assert set(editors.permissions.values_list("content_type__app_label", "codename")) == {
        ("wagtailadmin", "access_admin"),
        ("signatories", "add_signatory"),
        ("signatories", "change_signatory"),
        ("signatories", "delete_signatory"),
        ("signatories", "view_signatory"),
        ("signatories", "publish_signatory"),
        ("signatories", "change_joinrequest"),
        ("signatories", "view_joinrequest"),
    }
    assert not GroupPagePermission.objects.filter(group=editors).exists()


# --- Communications ------------------------------------------------------------------------------


def test_communications_can_open_the_admin(client, communications_user):
    client.force_login(communications_user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200


def test_communications_edit_the_statement_and_submit_it_for_review(
    client, site_pages, communications_user
):
    statement = site_pages["statement"]
    permissions = statement.permissions_for_user(communications_user)
    assert permissions.can_edit()
    # Publishing goes through the review workflow, not straight from Communications.
    assert not permissions.can_publish()
    assert not site_pages["take_action"].permissions_for_user(communications_user).can_publish()

    client.force_login(communications_user)
    data = statement_edit_data(client, statement, "Our statement, rewritten", "action-submit")
    response = client.post(page_edit_url(statement), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert statement.draft_title == "Our statement, rewritten"
    assert statement.title == "Our statement"
    assert statement.current_workflow_state.status == "in_progress"
    assert statement.latest_revision.user == communications_user
    assert "Our statement, rewritten" not in client.get("/").content.decode()


def test_communications_can_add_a_page_under_the_statement(client, site_pages, communications_user):
    statement = site_pages["statement"]
    assert statement.permissions_for_user(communications_user).can_add_subpage()
    client.force_login(communications_user)
    url = reverse("wagtailadmin_pages:add", args=["home", "takeactionpage", statement.pk])
    assert client.get(url).status_code == 200


def test_communications_cannot_manage_signatories(client, site_pages, communications_user):
    signatory = SignatoryFactory(name="Casa Latina", state="WA")
    client.force_login(communications_user)
    assert_denied(client, signatory_url("list"))
    assert_denied(client, signatory_url("add"))
    assert_denied(client, signatory_url("edit", signatory.pk))
    response = client.post(
        signatory_url("add"), {"name": "Sneaky", "level": "national", "state": ""}
    )
    assert response.status_code == 302
    assert not Signatory.objects.filter(name="Sneaky").exists()
    assert not communications_user.has_perm("signatories.publish_signatory")


def test_communications_cannot_open_the_join_request_queue(client, site_pages, communications_user):
    client.force_login(communications_user)
    assert_denied(client, join_queue_url())


# --- Signatory editors ---------------------------------------------------------------------------


def test_signatory_editor_can_list_signatories(client, site_pages, signatory_editor):
    SignatoryFactory(name="Casa Latina", state="WA")
    SignatoryFactory(name="Draft Group", state="WA", live=False)
    client.force_login(signatory_editor)
    response = client.get(signatory_url("list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Casa Latina" in content
    assert "Draft Group" in content


def test_signatory_editor_can_create_and_publish(client, site_pages, signatory_editor):
    client.force_login(signatory_editor)
    assert client.get(signatory_url("add")).status_code == 200

    response = client.post(
        signatory_url("add"),
        {
            "name": "Casa  Latina",
            "level": "state",
            "state": "WA",
            "note": "",
            "city": "Seattle",
            "website": "https://casa-latina.org/",
            "action-publish": "action-publish",
        },
    )

    assert response.status_code == 302
    signatory = Signatory.objects.get()
    assert (signatory.name, signatory.state, signatory.live) == ("Casa Latina", "WA", True)
    assert signatory.sort_key == "casa latina"
    assert signatory.live_revision.user == signatory_editor
    assert "Casa Latina" in client.get("/").content.decode()


def test_signatory_editor_can_save_a_draft_then_publish_it(client, site_pages, signatory_editor):
    client.force_login(signatory_editor)
    response = client.post(
        signatory_url("add"),
        {"name": "Draft Group", "level": "national", "state": "", "note": "", "city": ""},
    )
    assert response.status_code == 302
    signatory = Signatory.objects.get()
    assert not signatory.live
    assert "Draft Group" not in client.get("/").content.decode()

    response = client.post(
        signatory_url("edit", signatory.pk),
        {
            "name": "Draft Group",
            "level": "national",
            "state": "",
            "note": "",
            "city": "",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    signatory.refresh_from_db()
    assert signatory.live
    assert "Draft Group" in client.get("/").content.decode()


def test_signatory_editor_can_open_the_join_request_queue(client, site_pages, signatory_editor):
    client.force_login(signatory_editor)
    assert client.get(join_queue_url()).status_code == 200


def test_signatory_editor_cannot_edit_or_publish_pages(client, site_pages, signatory_editor):
    statement = site_pages["statement"]
    permissions = statement.permissions_for_user(signatory_editor)
    assert not permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_add_subpage()
    assert not site_pages["join"].permissions_for_user(signatory_editor).can_publish()

    client.force_login(signatory_editor)
    assert_denied(client, page_edit_url(statement))
    response = client.post(
        page_edit_url(statement), {"title": "Hijacked", "action-publish": "action-publish"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert Page.objects.get(pk=statement.pk).title == "Our statement"
