"""Hostile text in every field that takes text, on every surface that shows it.

Names, notes, cities, websites and request details come from the public or from imported
files. Wherever they are shown again they must stay text: escaped in HTML, exact in JSON,
not a formula in CSV, and never a header line in an email.
"""

import csv
import io
import json
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from signatories.choices import Level
from signatories.joining.email_tasks import send_due_emails
from signatories.models import JoinRequest, Signatory

from ..factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ..helpers import join_request_url as request_url
from ..helpers import signatory_url

# (id, text): each goes into a name, a note, a city, request details and contact name.
CORPUS = [
    ("script", '<script>alert("xss")</script> Org'),
    ("attr-double", '"><img src=x onerror=alert(1)> Org'),
    ("attr-single", "'><svg onload=alert(1)> Org"),
    ("textarea", "</textarea><script>alert(1)</script> Org"),
    ("js-url", "javascript:alert(1) Org"),
    ("django-template", "{{ 7*7 }} {% debug %} Org"),
    ("bidi", "Evil \u202egnp.exe\u202c Org"),
    ("csv-formula", "=cmd|'/c calc'!A0 Org"),
    ("csv-plus", '+HYPERLINK("http://evil.example","Click") Org'),
    ("csv-at", "@SUM(1+1)*cmd|' /C calc'!A0 Org"),
    ("header-crlf", "Evil Org\r\nBcc: victim@example.org"),
    ("entity", "&lt;b&gt;Pre-escaped&lt;/b&gt; Org"),
]
PAYLOADS = [text for _, text in CORPUS]
IDS = [name for name, _ in CORPUS]

# Valid http(s) URLs (Django's URLValidator accepts them) that try to break out of href="".
HOSTILE_WEBSITES = [
    'https://example.org/"><script>alert(1)</script>',
    "https://example.org/'onmouseover='alert(1)",
    "https://example.org/?q=<img/src=x/onerror=alert(1)>",
]

# Fragments that would be live markup or script if any payload escaped its context.
LIVE_FRAGMENTS = [
    "<script>alert",
    "<img src=x",
    "<img/src",
    "<svg onload",
    "</textarea><script",
    'href="javascript:',
    "href='javascript:",
    "onmouseover='alert",
]
HTML_SPECIAL = set("<>\"'&")
STATES = ["AL", "AK", "AZ", "AR", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA"]


def assert_inert(html, payload, surface):
    """``payload`` is shown, if at all, only as escaped text."""
    if HTML_SPECIAL & set(payload):
        assert payload not in html, f"{surface}: raw {payload!r}"
    for fragment in LIVE_FRAGMENTS:
        assert fragment not in html, f"{surface}: live {fragment!r} (payload {payload!r})"
    # Django renders a template once: template syntax in data is never evaluated.
    assert "sql_queries" not in html, surface


def assert_shown_escaped(html, payload, surface):
    """The payload is on the page, as escaped text (so the surface really renders it)."""
    assert escape(payload) in html, f"{surface}: {payload!r} not shown as escaped text"


@pytest.fixture
def hostile(site_pages):
    """Published signatories, one per payload (name, note and city hostile), and requests."""
    signatories = []
    for index, payload in enumerate(PAYLOADS):
        website = HOSTILE_WEBSITES[index % len(HOSTILE_WEBSITES)]
        signatory = SignatoryFactory.build(
            name=payload,
            state=STATES[index],
            note=payload,
            city=payload,
            website=website,
            live=True,
        )
        # Everything stored here is what the model accepts, websites included.
        signatory.full_clean()
        signatory.save()
        signatory.save_revision().publish()
        signatories.append(signatory)
    requests = []
    for index, payload in enumerate(PAYLOADS):
        join_request = JoinRequestFactory(
            name=payload,
            state=STATES[index],
            city=payload,
            website=HOSTILE_WEBSITES[index % len(HOSTILE_WEBSITES)],
            contact_name=payload,
            contact_email=f"contact{index}@example.org",
            details=payload,
            editor_note=payload,
            review_flags=[{"code": "x", "reason": payload}],
        )
        requests.append(join_request)
    return {"signatories": signatories, "requests": requests}


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


# --- the corpus is what the model really accepts --------------------------------------------


@pytest.mark.parametrize("website", HOSTILE_WEBSITES)
def test_hostile_websites_are_valid_http_urls(db, website):
    Signatory(name="Valid Org", level=Level.NATIONAL, website=website).full_clean()


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil"]
)
def test_websites_other_than_http_are_refused(db, website):
    with pytest.raises(ValidationError) as raised:
        Signatory(name="Valid Org", level=Level.NATIONAL, website=website).full_clean()
    assert "website" in raised.value.message_dict


def test_snippet_form_refuses_a_javascript_website(editor_client, site_pages):
    response = editor_client.post(
        signatory_url("add"),
        {
            "name": "Script Kiddies",
            "level": "national",
            "state": "",
            "note": "",
            "city": "",
            "website": "javascript:alert(1)",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 200
    assert not Signatory.objects.filter(name="Script Kiddies").exists()


# --- public surfaces ------------------------------------------------------------------------


def test_public_statement_page_escapes_every_payload(client, hostile):
    html = get_html(client, "/")
    for payload in PAYLOADS:
        assert_inert(html, payload, "/")
        assert_shown_escaped(html, payload.strip(), "/")
    for website in HOSTILE_WEBSITES:
        assert f'href="{website}"' not in html
        assert f'href="{escape(website)}"' in html
    # Cities are never public.
    assert "signatory__city" not in html


def test_open_data_json_round_trips_every_payload_exactly(client, hostile):
    response = client.get("/signatories.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    document = json.loads(response.content.decode("utf-8"))
    by_name = {record["name"]: record for record in document["signatories"]}
    for signatory in hostile["signatories"]:
        record = by_name[signatory.name]
        assert record["note"] == signatory.note
        assert record["website"] == signatory.website
        assert "city" not in record
    # Names are stored as typed, with runs of whitespace (CR/LF included) made one space.
    assert set(by_name) >= {" ".join(payload.split()) for payload in PAYLOADS}
    # Contact details and request text are not open data.
    assert "contact0@example.org" not in response.content.decode()


def test_open_data_csv_neutralises_formulas_and_keeps_the_text(client, hostile):
    response = client.get("/signatories.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    names = {row["name"] for row in rows}
    for signatory in hostile["signatories"]:
        if signatory.name[0] in "=+-@":
            assert f"'{signatory.name}" in names
            assert signatory.name not in names
        else:
            assert signatory.name in names
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)


# --- the admin ------------------------------------------------------------------------------


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


def test_import_preview_escapes_every_payload(editor_client, site_pages):
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
    assert not Signatory.objects.exists()


# --- emails ---------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_request_emails_are_plain_text_with_single_line_headers(
    hostile, payload, django_capture_on_commit_callbacks
):
    join_request = hostile["requests"][PAYLOADS.index(payload)]
    JoinRequest.objects.update(acknowledgment_due_at=None, editors_notice_due_at=None)
    JoinRequest.objects.filter(pk=join_request.pk).update(
        acknowledgment_due_at=timezone.now(), editors_notice_due_at=timezone.now()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_due_emails.enqueue()

    assert len(mail.outbox) == 2
    acknowledgment, notification = sorted(
        mail.outbox, key=lambda message: message.to != [join_request.contact_email]
    )
    assert acknowledgment.to == [join_request.contact_email]
    assert notification.to == ["editors@example.org"]
    for message in mail.outbox:
        # Plain text only: no HTML alternative, no HTML body.
        assert message.content_subtype == "plain"
        assert not getattr(message, "alternatives", [])
        for name, value in message.message().items():
            assert "\r" not in value and "\n" not in value.replace("\n ", ""), (name, value)
        assert "\r" not in message.subject and "\n" not in message.subject
        assert "Bcc" not in message.message().keys()
        assert message.bcc == []
        assert message.recipients() == message.to
    # The name is in the bodies as typed (plain text needs no escaping); no subject carries
    # a stranger's words.
    assert join_request.name in notification.body and join_request.name in acknowledgment.body
    assert all(join_request.name not in message.subject for message in mail.outbox)


def test_public_form_with_hostile_text_sends_safe_emails(
    client, site_pages, django_capture_on_commit_callbacks
):
    """Through the real form: whatever it accepts, the emails stay single-line in headers."""
    from ..helpers import form_data

    for index, payload in enumerate(PAYLOADS):
        mail.outbox.clear()
        data = form_data(
            name=f"{payload} {index}",
            city=payload[:100],
            contact_name=payload[:150],
            contact_email=f"person{index}@example.org",
            state=STATES[index],
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/join/", data, REMOTE_ADDR=f"10.0.0.{index + 1}")
        assert response.status_code in (200, 302)
        html = response.content.decode()
        assert_inert(html, payload, "join form response")
        for message in mail.outbox:
            assert message.content_subtype == "plain"
            for name, value in message.message().items():
                assert "\r" not in value and "\n" not in value.replace("\n ", ""), (name, value)
    assert JoinRequest.objects.exists()
    # The stored requests render safely in the queue, too.
    client.force_login(UserFactory(groups=["Signatory editors"]))
    html = get_html(client, request_url("index"))
    for payload in PAYLOADS:
        assert_inert(html, payload, "queue after form")


def test_public_page_has_no_event_handlers_or_inline_scripts(client, hostile):
    """No payload becomes markup: no on* attribute anywhere, every script is an external file."""
    html = get_html(client, "/")
    assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", html)
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script, script
