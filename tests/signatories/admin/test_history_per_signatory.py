"""Each signatory's History page shows its own entries, with who made them, when one admin
request changed many signatories at once: bulk actions, approvals, withdrawals, corrections
and merges."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from signatories.models import JoinRequest, Signatory

from ...admin_helpers import (
    bulk_url,
    history_entries,
    join_request_url,
    listing_rows,
    signatory_url,
)
from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory


def history(client, signatory):
    return history_entries(client, signatory_url("history", signatory.pk))


def test_after_a_two_row_bulk_unpublish_both_histories_show_the_unpublish(
    editor_client, site_pages
):
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    peace = SignatoryFactory(name="P.E.A.C.E", state="IL")
    untouched = SignatoryFactory(name="Voces de la Frontera", state="WI")

    editor_client.post(bulk_url("unpublish", [casa, peace]))

    assert history(editor_client, casa) == [("Unpublished", "listkeeper")]
    assert history(editor_client, peace) == [("Unpublished", "listkeeper")]
    # Only what was changed is in a history.
    assert history(editor_client, untouched) == []


def test_after_a_two_row_bulk_publish_both_histories_show_the_publish(editor_client, site_pages):
    drafts = [
        SignatoryFactory(name="OneAmerica", state="WA", live=False),
        SignatoryFactory(name="Casa Latina", state="WA", live=False),
    ]

    editor_client.post(bulk_url("publish", drafts))

    for draft in drafts:
        messages = [message for message, user in history(editor_client, draft)]
        assert "Published" in messages, draft.name
        assert {user for message, user in history(editor_client, draft)} == {"listkeeper"}


def test_a_two_row_bulk_delete_records_each_deletion_with_who_did_it(client, site_pages):
    admin = UserFactory(is_superuser=True, is_staff=True, username="chief")
    client.force_login(admin)
    doomed = [
        SignatoryFactory(name="Typo Org", state="WA"),
        SignatoryFactory(name="Test Entry", state="OR"),
    ]
    kept = SignatoryFactory(name="Casa Latina", state="WA")

    response = client.post(bulk_url("delete", doomed))

    assert response.status_code == 302
    assert list(Signatory.objects.all()) == [kept]
    for signatory in doomed:
        entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(signatory.pk))
        assert (entry.user, entry.label) == (admin, signatory.name)
    report = listing_rows(client, reverse("wagtailadmin_reports:site_history"))
    names = {signatory.name for signatory in doomed}
    deleted = [row for row in report if row[0] in names]
    assert len(deleted) == 2
    assert all("Deleted" in row and "chief" in " ".join(row) for row in deleted), deleted


def test_approving_a_request_is_in_the_signatorys_history(editor_client, site_pages):
    join_request = JoinRequestFactory(name="Casa Latina", state="WA")

    editor_client.post(join_request_url("approve", join_request.pk))

    signatory = Signatory.objects.get()
    messages = dict(history(editor_client, signatory))
    assert messages["Listed by approving a join request"] == "listkeeper"
    assert messages["Published"] == "listkeeper"


def test_approving_a_rejoin_of_a_live_listing_is_in_its_history(editor_client, site_pages):
    # Nothing is created or published, yet the listing's history says who approved what.
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    join_request = JoinRequestFactory(name="Casa Latina", state="WA")

    editor_client.post(join_request_url("approve", join_request.pk))

    assert history(editor_client, casa) == [("Listed by approving a join request", "listkeeper")]


CHANGE_HISTORY = {
    # A withdrawal unpublishes the listing too; a correction follows as the editor's own edit.
    JoinRequest.Kind.WITHDRAWAL: [
        ("Taken off the list by approving a withdrawal request", "listkeeper"),
        ("Unpublished", "listkeeper"),
    ],
    JoinRequest.Kind.CORRECTION: [
        ("Correction request approved: the correction follows as an edit", "listkeeper")
    ],
}


@pytest.mark.parametrize("kind", list(CHANGE_HISTORY))
def test_approving_a_withdrawal_or_correction_is_in_the_signatorys_history(
    editor_client, site_pages, kind
):
    casa = SignatoryFactory(name="Casa Latina", state="WA", website="https://casa.example.org")
    change = JoinRequestFactory(
        kind=kind,
        name="Casa Latina",
        state="WA",
        signatory=casa,
        contact_email="director@casa.example.org",
    )

    editor_client.post(join_request_url("approve", change.pk))

    assert sorted(history(editor_client, casa)) == sorted(CHANGE_HISTORY[kind])


def test_a_merge_is_in_the_kept_signatorys_history_and_the_deletion_on_record(
    editor_client, editor, site_pages
):
    kept = SignatoryFactory(name="American Civil Liberties Union", national=True)
    other = SignatoryFactory(name="ACLU", national=True, city="New York")

    editor_client.post(bulk_url("merge", [kept, other]), {"keep": kept.pk})

    messages = dict(history(editor_client, kept))
    assert messages["Merged “ACLU” (National) into this signatory"] == "listkeeper"
    deletion = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(other.pk))
    assert deletion.user == editor
