"""Merging two signatories that are one organization, from the snippet listing's bulk actions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from signatories.models import JoinRequest, Signatory

from ...admin_helpers import bulk_url, signatory_url
from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory


@pytest.fixture
def twins(site_pages):
    """One organization listed twice under National: each listing knows something."""
    kept = SignatoryFactory(
        name="American Civil Liberties Union", national=True, website="https://aclu.example.org"
    )
    other = SignatoryFactory(
        name="ACLU",
        national=True,
        city="New York",
        website="https://other.example.org",
        note="for identification purposes only",
    )
    requests = [
        JoinRequestFactory(
            name="ACLU", level="national", state="", signatory=other, status="approved"
        ),
        JoinRequestFactory(
            kind=JoinRequest.Kind.CORRECTION,
            name="ACLU",
            level="national",
            state="",
            signatory=other,
        ),
    ]
    return {"kept": kept, "other": other, "requests": requests}


def merge_url(twins):
    return bulk_url("merge", [twins["kept"], twins["other"]], next_url=signatory_url("list"))


def test_merge_asks_which_to_keep_first(editor_client, twins):
    response = editor_client.get(merge_url(twins))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Which listing do we keep?" in html
    assert f'name="keep" value="{twins["kept"].pk}"' in html
    assert f'name="keep" value="{twins["other"].pk}"' in html
    assert "2 join requests" in html
    assert "Yes, merge" in html
    assert Signatory.objects.count() == 2


def test_merge_keeps_one_signatory_with_the_others_requests_and_details(
    editor_client, editor, twins
):
    kept = twins["kept"]

    response = editor_client.post(merge_url(twins), {"keep": kept.pk}, follow=True)

    assert "Merged “ACLU” into “American Civil Liberties Union”." in response.content.decode()
    assert list(Signatory.objects.all()) == [kept]
    kept.refresh_from_db()
    assert kept.city == "New York"
    assert kept.note == "for identification purposes only"
    assert kept.website == "https://aclu.example.org"
    assert kept.live
    for join_request in twins["requests"]:
        join_request.refresh_from_db()
        assert join_request.signatory == kept
    public = editor_client.get("/").content.decode()
    assert "American Civil Liberties Union" in public
    assert "ACLU" not in public
    assert "1 organization has signed" in public


def test_merge_is_in_the_kept_signatorys_history(editor_client, editor, twins):
    kept, other = twins["kept"], twins["other"]
    other_pk = other.pk

    editor_client.post(merge_url(twins), {"keep": kept.pk})

    entry = ModelLogEntry.objects.for_instance(kept).get(action="signatories.merge_signatory")
    assert entry.user == editor
    assert entry.data["merged"] == {"id": other_pk, "name": "ACLU", "group": "National"}
    assert sorted(entry.data["filled"]) == ["city", "note"]
    assert entry.data["join_requests_moved"] == 2
    deleted = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(other_pk))
    assert deleted.user == editor
    history = editor_client.get(signatory_url("history", kept.pk)).content.decode()
    assert "Merged “ACLU” (National) into this signatory" in history
    assert "listkeeper" in history


def test_either_one_can_be_kept(editor_client, twins):
    editor_client.post(merge_url(twins), {"keep": twins["other"].pk})

    kept = Signatory.objects.get()
    assert kept.name == "ACLU"
    assert kept.website == "https://other.example.org"
    assert kept.join_requests.count() == 2


def test_filled_details_reach_the_latest_draft(editor_client, editor, twins):
    kept = twins["kept"]
    kept.note = "draft note"
    kept.save_revision(user=editor)

    editor_client.post(merge_url(twins), {"keep": kept.pk})

    kept.refresh_from_db()
    draft = kept.get_latest_revision_as_object()
    assert draft.note == "draft note"
    assert draft.city == "New York"
    assert kept.city == "New York"


def test_nothing_is_merged_without_a_choice(editor_client, twins):
    response = editor_client.post(merge_url(twins), {})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Signatory.objects.count() == 2


def test_merging_needs_exactly_two(editor_client, twins):
    third = SignatoryFactory(name="Third Org", national=True)
    url = bulk_url("merge", [twins["kept"], twins["other"], third])

    page = editor_client.get(url).content.decode()
    response = editor_client.post(url, {"keep": twins["kept"].pk})

    assert "Select exactly two signatories" in page
    assert "Yes, merge" not in page
    assert response.status_code == 200
    assert Signatory.objects.count() == 3


def test_merging_needs_the_delete_permission(client, twins):
    user = UserFactory()
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "change_signatory", "view_signatory"]
        )
    )
    client.force_login(user)

    page = client.get(merge_url(twins))
    client.post(merge_url(twins), {"keep": twins["kept"].pk})

    # Refused as Wagtail refuses any admin view: back to the dashboard, naming no one.
    assert page.status_code == 302
    assert page["Location"] == reverse("wagtailadmin_home")
    assert Signatory.objects.count() == 2
    assert twins["requests"][0].signatory == twins["other"]


def test_communications_cannot_merge(client, twins):
    client.force_login(UserFactory(groups=["Communications"]))

    client.post(merge_url(twins), {"keep": twins["kept"].pk})

    assert Signatory.objects.count() == 2
