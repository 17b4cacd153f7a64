"""Exporting the list: the listing's CSV and XLSX downloads, and the printable delivery document."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from signatories.importing.planning import plan_import
from signatories.importing.reading import read_rows
from signatories.models import Signatory

from ..factories import JoinRequestFactory, SignatoryFactory, UserFactory

LIST_URL_NAME = "wagtailsnippets_signatories_signatory:list"
DELIVERY_URL = "/admin/signatories/delivery/"
HEADINGS = [
    "name",
    "level",
    "state",
    "state name",
    "city",
    "website",
    "note",
    "published",
    "created",
    "updated",
]


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client


@pytest.fixture
def signatories(db):
    return [
        SignatoryFactory(name="Praxis Project", national=True, website="https://praxis.example"),
        SignatoryFactory(
            name="Casa Latina", state="WA", city="Seattle", note="for identification purposes only"
        ),
        SignatoryFactory(name="OneAmerica", state="WA", live=False),
        SignatoryFactory(name='=HYPERLINK("http://evil.example","Click")', state="TX"),
    ]


def download(client, export_format):
    response = client.get(reverse(LIST_URL_NAME), {"export": export_format})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_csv_export_has_every_field_editors_need(editor_client, signatories):
    response, content = download(editor_client, "csv")

    assert response["Content-Type"] == "text/csv"
    assert 'filename="signatories.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == HEADINGS
    by_name = {row[0]: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}
    casa = by_name["Casa Latina"]
    assert casa["level"] == "state"
    assert casa["state"] == "WA"
    assert casa["state name"] == "Washington"
    assert casa["city"] == "Seattle"
    assert casa["note"] == "for identification purposes only"
    assert casa["published"] == "True"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", casa["created"])
    assert by_name["Praxis Project"]["level"] == "national"
    assert by_name["Praxis Project"]["state name"] == ""
    assert by_name["Praxis Project"]["website"] == "https://praxis.example"
    assert by_name["OneAmerica"]["published"] == "False"
    # National first, then states by name.
    assert [row[0] for row in rows[1:3]] == [
        "Praxis Project",
        '\'=HYPERLINK("http://evil.example","Click")',
    ]


def test_the_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_accents(editor_client, db):
    SignatoryFactory(name="Asociación de Trabajadores", state="CA")

    _, content = download(editor_client, "csv")

    assert content.startswith(b"\xef\xbb\xbfname,level,")
    assert "Asociación de Trabajadores" in content.decode("utf-8-sig")
    assert content.count(b"\xef\xbb\xbf") == 1


def test_csv_times_are_iso_8601_in_utc_to_the_second(editor_client, db):
    signatory = SignatoryFactory(name="Casa Latina", state="WA")
    moment = datetime(2026, 11, 30, 1, 59, 44, 594247, tzinfo=UTC)
    Signatory.objects.filter(pk=signatory.pk).update(created_at=moment)

    _, content = download(editor_client, "csv")

    text = content.decode("utf-8-sig")
    assert ",2026-11-30T01:59:44Z," in text
    assert "594247" not in text
    assert "+00:00" not in text


def test_csv_export_neutralises_formulas(editor_client, signatories):
    _, content = download(editor_client, "csv")
    names = [row[0] for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))]
    assert '\'=HYPERLINK("http://evil.example","Click")' in names
    assert not any(name.startswith("=") for name in names)


def test_xlsx_export_has_the_same_columns_with_typed_cells(editor_client, signatories):
    response, content = download(editor_client, "xlsx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="signatories.xlsx"' in response["Content-Disposition"]
    assert response.streaming  # sent as it is written, like the CSV
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    by_name = {row[0]: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}
    assert by_name["Casa Latina"]["state name"] == "Washington"
    assert by_name["Casa Latina"]["published"] is True
    assert by_name["OneAmerica"]["published"] is False
    assert by_name["Casa Latina"]["created"].year == timezone.now().year
    assert by_name["Casa Latina"]["created"].tzinfo is None  # Excel has no zones: UTC
    # A name that looks like a formula is a text cell, protected as in the CSV.
    hyperlink = [cell for cell in sheet["A"] if "HYPERLINK" in str(cell.value)]
    assert [(cell.value, cell.data_type) for cell in hyperlink] == [
        ('\'=HYPERLINK("http://evil.example","Click")', "s")
    ]
    assert not any(str(cell.value).startswith("=") for cell in sheet["A"])


def test_xlsx_export_keeps_accents_and_drops_what_xml_cannot_hold(editor_client, db):
    signatory = SignatoryFactory(name="Asociación Ñandú & <Amigos>", state="PR")
    # A vertical tab pasted from a spreadsheet cell: XML has no way to write it.
    Signatory.objects.filter(pk=signatory.pk).update(note="one\x0btwo")

    _, content = download(editor_client, "xlsx")

    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    row = dict(zip(HEADINGS, rows[1], strict=True))
    assert row["name"] == "Asociación Ñandú & <Amigos>"
    assert row["state name"] == "Puerto Rico"
    assert row["note"] == "onetwo"


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_an_exported_file_imports_back_unchanged(editor_client, signatories, export_format):
    _, content = download(editor_client, export_format)
    plan = plan_import(read_rows(f"signatories.{export_format}", content))
    assert plan.counts() == {"created": 0, "updated": 0, "unchanged": 4, "skipped": 0}


def test_communications_staff_cannot_export(client, signatories):
    client.force_login(UserFactory(groups=["Communications"]))
    response = client.get(reverse(LIST_URL_NAME), {"export": "csv"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


# The delivery document


@pytest.fixture
def statement(site_pages):
    page = site_pages["statement"]
    page.body = [
        ("heading", {"text": "Our demands", "level": "h2"}),
        ("paragraph", "<p>We stand together.</p>"),
        (
            "signatory_list",
            {"heading": "Who signed", "show_count": True, "show_jump_navigation": True},
        ),
    ]
    page.save_revision().publish()
    return page


def test_delivery_document_prints_the_statement_and_the_grouped_list(
    editor_client, statement, signatories
):
    JoinRequestFactory(name="Pending Org", contact_email="secret@example.org")

    response = editor_client.get(DELIVERY_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Our statement</h1>" in html
    assert "Our demands" in html
    assert "We stand together." in html
    assert "Who signed" not in html  # the list block itself is not rendered
    assert f"As of {timezone.localdate():%-d %B %Y}" in html
    assert "3 organizations have signed." in html
    national, texas, washington = (
        html.index(f"<h3>{label}</h3>") for label in ("National", "Texas", "Washington")
    )
    assert national < texas < washington
    assert html.index("Casa Latina") > washington
    assert "(for identification purposes only)" in html
    for hidden in ("OneAmerica", "Pending Org", "secret@example.org", "Seattle"):
        assert hidden not in html
    # Its own page: print styles, and none of the admin around it.
    assert "@media print" in html
    assert "wagtail-sidebar" not in html


def test_delivery_document_leaves_out_what_only_works_on_the_web(
    editor_client, site_pages, signatories
):
    statement = site_pages["statement"]
    join = site_pages["join"]
    statement.body = [
        ("paragraph", "<p>We stand together.</p>"),
        (
            "paragraph",
            f'<p><a linktype="page" id="{join.pk}">Click here to join</a> the organizations.</p>',
        ),
        ("paragraph", '<p>Read <a href="https://example.org/report">the report</a>.</p>'),
        ("call_to_action", {"text": "Sign on now", "link": {"page": join, "url": ""}}),
        ("state_map", {"heading": "Where the signatories are", "intro": ""}),
        (
            "signatory_list",
            {"heading": "Who signed", "show_count": True, "show_jump_navigation": True},
        ),
    ]
    statement.save_revision().publish()

    html = editor_client.get(DELIVERY_URL).content.decode()

    assert "We stand together." in html
    # A link to another website is still a source a reader can look up.
    assert "the report" in html
    for web_only in (
        "Click here to join",
        "Sign on now",
        "Where the signatories are",
        "Who signed",
    ):
        assert web_only not in html, web_only
    assert "Casa Latina" in html


def test_printed_pages_are_numbered(editor_client, statement, signatories):
    html = editor_client.get(DELIVERY_URL).content.decode()
    page_rule = re.search(r"@page\s*\{(.*?)\n\s*\}", html, re.DOTALL)
    assert page_rule, "no @page rule"
    assert re.search(r'counter\(page\)\s*" / "\s*counter\(pages\)', page_rule.group(1))


def test_communications_staff_may_print_the_delivery_document(client, statement, signatories):
    client.force_login(UserFactory(groups=["Communications"]))
    assert client.get(DELIVERY_URL).status_code == 200


def test_other_admin_users_may_not(client, db):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(DELIVERY_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_delivery_document_without_a_published_statement_still_lists_signatories(
    editor_client, signatories
):
    html = editor_client.get(DELIVERY_URL).content.decode()
    assert "No statement is published yet." in html
    assert "Casa Latina" in html


def test_delivery_document_is_linked_from_the_listing_and_the_reports_menu(editor_client, db):
    listing = editor_client.get(reverse(LIST_URL_NAME)).content.decode()
    assert DELIVERY_URL in listing
    dashboard = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert DELIVERY_URL in dashboard
