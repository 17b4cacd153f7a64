"""Pages go live through review; editors are warned when they edit a signed statement."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from ..factories import SignatoryFactory, UserFactory
from ..helpers import page_edit_url, statement_edit_data


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
