"""What Wagtail's own admin views showed beyond a role, now refused: the join request history,
the snippet chooser and the bulk action pages; and what the roles still reach there."""

import pytest
from django.urls import reverse

from home.models import TakeActionPage

from ...admin_helpers import join_request_url as join
from .role_matrix import (
    COMMUNICATIONS,
    DENIED_MESSAGE,
    REVIEWERS,
    SIGNATORY_EDITORS,
    chooser,
    user_for,
)


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
