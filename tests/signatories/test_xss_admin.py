"""Hostile text in the admin: signatory listing, search, export and views, the join request
queue and its decisions, the dashboard, the delivery document and the import preview."""

import csv
import io

import pytest
from django.urls import reverse

from signatories.models import JoinRequest, Signatory

from ..admin_helpers import join_request_url as request_url
from ..admin_helpers import signatory_url
from ..db_helpers import build_site_pages, fixture_built_once_per_module
from .xss import (
    HOSTILE_WEBSITES,
    PAYLOADS,
    STATES,
    assert_inert,
    assert_shown_escaped,
    build_hostile,
    get_html,
)

pytestmark = pytest.mark.django_db


def site_with_hostile_rows():
    build_site_pages()
    return build_hostile()


# Every view reads the same hostile rows, built once.
hostile = fixture_built_once_per_module(site_with_hostile_rows)


def test_signatory_listing_escapes_every_payload(editor_client, hostile):
    html = get_html(editor_client, signatory_url("list"))
    for payload in PAYLOADS:
        assert_inert(html, payload, "snippet listing")
        assert_shown_escaped(html, payload, "snippet listing")


def test_signatory_listing_search_escapes_the_query(editor_client, hostile):
    for payload in PAYLOADS:
        response = editor_client.get(signatory_url("list"), {"q": payload})
        assert response.status_code == 200
        assert_inert(response.content.decode(), payload, "snippet search")


@pytest.mark.parametrize("query", ['"', '"Evil', 'Evil "Org', '""'])
def test_signatory_search_with_double_quotes_answers(editor_client, hostile, query):
    # A double quote reached SQLite's FTS5 unescaped: a server error (wagtail#13227).
    response = editor_client.get(signatory_url("list"), {"q": query})
    assert response.status_code == 200
    if "Evil" in query:
        assert "Evil Org Bcc: victim@example.org" in response.content.decode()


def test_signatory_csv_export_neutralises_formulas(editor_client, hostile):
    response = editor_client.get(signatory_url("list"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    for row in csv.DictReader(io.StringIO(content)):
        for column, value in row.items():
            assert not (value or "").startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)


@pytest.mark.parametrize("view", ["inspect", "edit", "history", "delete"])
def test_signatory_views_escape_every_payload(editor_client, hostile, view):
    for signatory in hostile["signatories"]:
        html = get_html(editor_client, signatory_url(view, signatory.pk))
        assert_inert(html, signatory.name, f"snippet {view}")
        assert_inert(html, signatory.website, f"snippet {view}")
        if view in ("inspect", "edit"):
            # The edit form shows the values inside inputs: escaped, still there.
            assert_shown_escaped(html, signatory.note, f"snippet {view}")


@pytest.mark.parametrize("status", [None, "pending"])
def test_join_request_queue_escapes_every_payload(editor_client, hostile, status):
    url = request_url("index") + (f"?status__exact={status}" if status else "")
    html = get_html(editor_client, url)
    for payload in PAYLOADS:
        assert_inert(html, payload, "join request queue")
        assert_shown_escaped(html, payload, "join request queue")


@pytest.mark.parametrize("view", ["inspect", "edit", "approve", "reject"])
def test_join_request_views_escape_every_payload(editor_client, hostile, view):
    for join_request in hostile["requests"]:
        html = get_html(editor_client, request_url(view, join_request.pk))
        for text in (join_request.name, join_request.contact_name, join_request.details):
            assert_inert(html, text, f"join request {view}")
        assert_inert(html, join_request.website, f"join request {view}")
        assert_shown_escaped(html, join_request.name, f"join request {view}")
        if view in ("inspect", "approve", "reject"):
            assert_shown_escaped(html, join_request.contact_name, f"join request {view}")


def test_deciding_a_hostile_request_keeps_it_text(editor_client, hostile):
    join_request = hostile["requests"][0]
    response = editor_client.post(
        request_url("reject", join_request.pk), {"editor_note": PAYLOADS[1]}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    for payload in (join_request.name, PAYLOADS[1]):
        assert_inert(html, payload, "queue after rejecting")
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REJECTED
    assert join_request.editor_note == PAYLOADS[1]


def test_dashboard_escapes_payloads(editor_client, hostile):
    html = get_html(editor_client, reverse("wagtailadmin_home"))
    for payload in PAYLOADS:
        assert_inert(html, payload, "dashboard")


def test_delivery_document_escapes_every_payload(editor_client, hostile):
    html = get_html(editor_client, reverse("signatories_delivery"))
    for payload in PAYLOADS:
        assert_inert(html, payload, "delivery document")
        assert_shown_escaped(html, payload.strip(), "delivery document")


def test_import_preview_escapes_every_payload(editor_client, hostile):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(["name", "state", "city", "website", "note"])
    for index, payload in enumerate(PAYLOADS):
        writer.writerow([payload, STATES[index], payload, HOSTILE_WEBSITES[0], payload])
    writer.writerow(["Bad Link Org", "TX", "", "javascript:alert(1)", ""])
    upload = io.BytesIO(output.getvalue().encode("utf-8"))
    upload.name = "hostile.csv"

    response = editor_client.post(reverse("signatories_import"), {"file": upload})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview" in html
    for payload in PAYLOADS:
        assert_inert(html, payload, "import preview")
    assert_inert(html, HOSTILE_WEBSITES[0], "import preview")
    # A preview writes nothing.
    assert Signatory.objects.count() == len(hostile["signatories"])
