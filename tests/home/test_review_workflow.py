"""Pages go live through review; editors are warned when they edit a signed statement."""

import importlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Workflow

from ..admin_helpers import page_edit_url, statement_edit_data
from ..factories import SignatoryFactory, UserFactory


@pytest.fixture
def communications_user(db):
    return UserFactory(groups=["Communications"])


@pytest.fixture
def reviewer(db):
    return UserFactory(groups=["Reviewers"])


@pytest.fixture
def submitted(client, site_pages, communications_user):
    statement = site_pages["statement"]
    client.force_login(communications_user)
    data = statement_edit_data(client, statement, "Revised statement", "action-submit")
    assert client.post(page_edit_url(statement), data).status_code == 302
    statement.refresh_from_db()
    return statement


def workflow_action_url(page, action):
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def test_every_page_is_under_the_statement_review_workflow(site_pages):
    workflow = Workflow.objects.get(name="Statement review")
    for page in site_pages.values():
        assert page.get_workflow() == workflow
    [task] = [t.specific for t in workflow.tasks]
    assert [group.name for group in task.groups.all()] == ["Reviewers"]


def test_a_reviewer_approves_and_the_page_is_published(client, submitted, reviewer):
    client.force_login(reviewer)
    response = client.post(workflow_action_url(submitted, "approve"), {"comment": ""})
    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.title == "Revised statement"
    assert submitted.live and not submitted.has_unpublished_changes
    assert "<h1>Revised statement</h1>" in client.get("/").content.decode()


def test_a_reviewer_can_send_changes_back(client, submitted, reviewer):
    client.force_login(reviewer)
    client.post(workflow_action_url(submitted, "reject"), {"comment": "Check the dates"})
    submitted.refresh_from_db()
    assert submitted.title == "Our statement"
    assert submitted.current_workflow_state.status == "needs_changes"


@pytest.mark.parametrize("group", ["Communications", "Signatory editors"])
def test_other_groups_cannot_approve(client, submitted, group):
    client.force_login(UserFactory(groups=[group]))
    client.post(workflow_action_url(submitted, "approve"), {"comment": ""})
    submitted.refresh_from_db()
    assert submitted.title == "Our statement"
    assert submitted.current_workflow_state.status == "in_progress"


def test_wagtails_default_groups_are_gone(db):
    """Wagtail's "Moderators" may publish any page, skipping review; "Editors" duplicate
    Communications. Neither is one of this site's roles."""
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Workflow.objects.filter(active=True).exclude(name="Statement review").exists()


def test_a_default_group_with_members_is_stripped_not_deleted(db):
    """So an administrator still sees who was in it; its members lose what it gave them."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    migration = importlib.import_module("home.migrations.0005_reviewers_only_review")
    moderators = Group.objects.create(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=moderators,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="publish_page"),
    )
    member = UserFactory(groups=["Moderators"])
    Group.objects.create(name="Editors")

    migration.reviewers_only_review(apps, None)

    assert list(member.groups.values_list("name", flat=True)) == ["Moderators"]
    assert not moderators.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not Group.objects.filter(name="Editors").exists()


def test_reviewers_hold_only_admin_access_locking_and_their_review_task(db):
    reviewers = Group.objects.get(name="Reviewers")
    assert list(reviewers.permissions.values_list("codename", flat=True)) == ["access_admin"]
    page_permissions = GroupPagePermission.objects.filter(group=reviewers)
    assert list(page_permissions.values_list("permission__codename", flat=True)) == ["lock_page"]
    assert not GroupCollectionPermission.objects.filter(group=reviewers).exists()


def test_outside_review_a_reviewer_cannot_edit_publish_unpublish_or_delete(
    client, site_pages, reviewer
):
    for page in site_pages.values():
        permissions = page.permissions_for_user(reviewer)
        assert not permissions.can_edit(), page
        assert not permissions.can_publish(), page
        assert not permissions.can_unpublish(), page
        assert not permissions.can_delete(), page
        assert not permissions.can_move(), page
    join, take_action = site_pages["join"], site_pages["take_action"]
    client.force_login(reviewer)

    client.post(reverse("wagtailadmin_pages:unpublish", args=[join.pk]), {})
    client.post(reverse("wagtailadmin_pages:delete", args=[take_action.pk]), {})
    data = {"title": "Published alone", "slug": "join", "action-publish": "action-publish"}
    client.post(page_edit_url(join), data)

    join.refresh_from_db()
    assert join.live and join.title == "Add your organization"
    assert Page.objects.filter(pk=take_action.pk).exists()


def test_during_review_a_reviewer_reads_the_page_but_may_not_unpublish_or_delete_it(
    client, submitted, reviewer
):
    permissions = submitted.permissions_for_user(reviewer)
    # Wagtail's group approval task opens the editor to its groups while the page waits.
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert not permissions.can_delete()
    client.force_login(reviewer)
    html = client.get(page_edit_url(submitted)).content.decode()
    assert "Revised statement" in html
    assert "Approve" in html
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[submitted.pk, "live", "latest"])
    assert "Revised statement" in client.get(compare).content.decode()


def test_scheduled_publishing_happens_when_due(site_pages):
    take_action = site_pages["take_action"]
    take_action.title = "Act now"
    revision = take_action.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    take_action.refresh_from_db()
    assert take_action.title == "Take Action"

    call_command("publish_scheduled", verbosity=0)

    take_action.refresh_from_db()
    assert take_action.title == "Act now"
    assert take_action.live_revision == revision


def test_editor_is_warned_that_organizations_signed(client, site_pages, communications_user):
    statement = site_pages["statement"]
    old = statement.save_revision()
    old.publish()
    SignatoryFactory.create_batch(2)
    SignatoryFactory(signed_revision=old)
    statement.save_revision().publish()

    client.force_login(communications_user)
    html = client.get(page_edit_url(statement)).content.decode()
    assert "3 organizations have signed this statement." in html
    assert "1 of them signed an earlier version" in html


def test_no_warning_before_anyone_signed(client, site_pages, communications_user):
    client.force_login(communications_user)
    html = client.get(page_edit_url(site_pages["statement"])).content.decode()
    assert "have signed this statement" not in html
