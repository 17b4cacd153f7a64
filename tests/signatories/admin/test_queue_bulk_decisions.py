"""Deciding many join requests at once from the queue, with one note, under the permissions
one decision needs; and a queue that reads plainly (its columns, its folded filters, the
decision buttons first)."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from signatories.models import JoinRequest, Signatory

from ...admin_helpers import history_entries, join_request_url, signatory_url
from ...factories import JoinRequestFactory, UserFactory

BULK_URL = "/admin/signatories/joinrequest/bulk_decision/"


@pytest.fixture
def bulk(django_capture_on_commit_callbacks):
    def bulk(client, decision, requests, note="", status=302):
        mail.outbox.clear()
        data = {"decision": decision, "selected": [r.pk for r in requests], "editor_note": note}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(BULK_URL, data)
        assert response.status_code == status
        return response

    return bulk


def two_requests():
    return [
        JoinRequestFactory(name="Casa Latina", state="WA", contact_email="maria@casa.example.org"),
        JoinRequestFactory(name="Peace Alliance", state="IL", contact_email="jo@peace.example.org"),
    ]


def test_the_url_is_the_one_the_queue_posts_to(editor_client, site_pages):
    JoinRequestFactory()
    assert reverse("signatories_joinrequest_modeladmin_bulk_decision") == BULK_URL
    html = editor_client.get(join_request_url("index")).content.decode()
    assert f'action="{BULK_URL}"' in html


def test_bulk_approval_lists_both_and_each_history_shows_it(editor_client, bulk, site_pages):
    requests = two_requests()

    response = bulk(editor_client, "approve", requests)

    assert response["Location"] == join_request_url("index")
    followed = editor_client.get(response["Location"]).content.decode()
    assert "Approved 2 requests." in followed
    assert set(Signatory.objects.filter(live=True).values_list("name", flat=True)) == {
        "Casa Latina",
        "Peace Alliance",
    }
    for signatory in Signatory.objects.all():
        entries = dict(history_entries(editor_client, signatory_url("history", signatory.pk)))
        assert entries["Listed by approving a join request"] == "listkeeper", signatory.name
        assert entries["Published"] == "listkeeper", signatory.name
    for join_request in requests:
        entries = history_entries(editor_client, join_request_url("history", join_request.pk))
        assert ("Approved join request", "listkeeper") in entries
    # Approving a join tells the contact nothing: the list shows it.
    assert mail.outbox == []


def test_bulk_rejection_shares_one_note_and_each_contact_gets_their_own_email(
    editor_client, bulk, site_pages
):
    requests = two_requests()

    bulk(editor_client, "reject", requests, note="We list only coalition members.")

    for join_request in requests:
        join_request.refresh_from_db()
        assert join_request.status == JoinRequest.Status.REJECTED
        assert join_request.decision_note == "We list only coalition members."
    by_address = {tuple(email.to): email.body for email in mail.outbox}
    assert set(by_address) == {("maria@casa.example.org",), ("jo@peace.example.org",)}
    assert "Casa Latina" in by_address[("maria@casa.example.org",)]
    assert "Peace Alliance" not in by_address[("maria@casa.example.org",)]
    assert "We list only coalition members." in by_address[("jo@peace.example.org",)]
    assert not Signatory.objects.exists()


def test_bulk_approval_never_ticks_the_checks_for_the_editor(editor_client, bulk, site_pages):
    confirmed = JoinRequestFactory(name="Casa Latina", state="WA")
    unconfirmed = JoinRequestFactory(name="Peace Alliance", state="IL", unconfirmed=True)

    response = bulk(editor_client, "approve", [confirmed, unconfirmed])

    unconfirmed.refresh_from_db()
    assert unconfirmed.is_pending
    assert list(Signatory.objects.values_list("name", flat=True)) == ["Casa Latina"]
    followed = editor_client.get(response["Location"]).content.decode()
    assert "Approved 1 request." in followed
    assert "Not decided: Peace Alliance (Illinois): needs your checks" in followed


def test_a_request_decided_meanwhile_is_named_and_left_as_it_is(editor_client, bulk, site_pages):
    decided = JoinRequestFactory(name="Casa Latina", status=JoinRequest.Status.APPROVED)

    response = bulk(editor_client, "reject", [decided])

    decided.refresh_from_db()
    assert decided.status == JoinRequest.Status.APPROVED
    assert (
        "This request was already Approved."
        in editor_client.get(response["Location"]).content.decode()
    )


@pytest.fixture
def queue_worker_client(client, db):
    """May work the queue and reject, not publish signatories."""
    user = UserFactory()
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "view_joinrequest", "change_joinrequest"]
        )
    )
    client.force_login(user)
    return client


def test_bulk_approval_needs_the_publish_permission(queue_worker_client, bulk, site_pages):
    requests = two_requests()

    # Refused as Wagtail refuses: back to the dashboard, saying so.
    response = bulk(queue_worker_client, "approve", requests)
    assert response["Location"] == reverse("wagtailadmin_home")

    assert not Signatory.objects.exists()
    assert all(r.is_pending for r in JoinRequest.objects.all())
    html = queue_worker_client.get(join_request_url("index")).content.decode()
    assert "Reject selected" in html
    assert "Approve selected" not in html


def test_communications_cannot_decide_in_bulk(client, bulk, site_pages):
    client.force_login(UserFactory(groups=["Communications"]))
    requests = two_requests()

    bulk(client, "reject", requests, status=302)

    assert all(r.is_pending for r in JoinRequest.objects.all())
    assert mail.outbox == []


def test_a_get_decides_nothing(editor_client, site_pages):
    join_request = JoinRequestFactory()

    assert (
        editor_client.get(BULK_URL, {"decision": "reject", "selected": join_request.pk}).status_code
        == 405
    )

    join_request.refresh_from_db()
    assert join_request.is_pending


# How the queue reads


def test_the_queue_names_its_columns_plainly(editor_client, site_pages):
    JoinRequestFactory(name="Casa Latina", state="WA")

    html = editor_client.get(join_request_url("index")).content.decode()
    headers = [
        " ".join(re.sub(r"<[^>]+>", " ", th).split())
        for th in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, re.S)
    ]

    assert "Listed under" in headers
    assert "Group label" not in headers
    assert "Washington" in html


def test_the_filters_are_folded_away(editor_client, site_pages):
    JoinRequestFactory(name="Casa Latina", state="WA")

    html = editor_client.get(join_request_url("index")).content.decode()

    details = html.index('<details class="queue-filters">')
    assert details < html.index("By state") < html.index("</details>", details)


def test_the_decision_buttons_come_first_in_each_row(editor_client, site_pages):
    join_request = JoinRequestFactory(name="Casa Latina", state="WA")

    html = editor_client.get(join_request_url("index")).content.decode()
    row = html[html.index(f'value="{join_request.pk}" form="bulk-decision"') :]

    approve = row.index(join_request_url("approve", join_request.pk))
    reject = row.index(join_request_url("reject", join_request.pk))
    inspect = row.index(join_request_url("inspect", join_request.pk))
    assert approve < reject < inspect


def test_signatories_have_a_menu_item_of_their_own(editor_client, site_pages):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert '"name": "signatories", "label": "Signatories"' in html
    assert '"name": "snippets"' not in html
