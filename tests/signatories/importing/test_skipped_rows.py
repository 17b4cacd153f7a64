"""The preview's skipped rows as a CSV file: the file's own columns, a reason column with every
problem, formula-like cells neutralised, for editors only."""

import csv
import io

import pytest
from django.urls import reverse

from signatories.importing.planning import plan_import
from signatories.importing.reading import read_table
from signatories.importing.skipped import skipped_rows_csv

from ...admin_helpers import IMPORT_URL, csv_bytes, upload
from ...factories import SignatoryFactory, UserFactory

SKIPPED_URL = reverse("signatories_import_skipped")
SHEET = [
    ["Timestamp", "Org", "Contact email", "State"],
    ["10:00", "Casa Latina", "a@example.org", "WA"],
    ["10:05", "N/A", "b@example.org", "Kalifornia"],
    ["10:10", "Listed Org", "c@example.org", "TX"],
    ["10:15", '=HYPERLINK("http://evil.example","Click")', "d@example.org", "Asociación"],
]


def read_csv(content):
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_the_skipped_rows_download_with_their_columns_and_every_reason(editor_client, db):
    SignatoryFactory(name="Listed Org", state="TX")  # unchanged: not a row to fix
    preview = upload(editor_client, csv_bytes(SHEET), "signups.csv")
    assert SKIPPED_URL in preview.content.decode()

    response = editor_client.get(SKIPPED_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="signups-skipped.csv"' in response["Content-Disposition"]
    rows = read_csv(response.content.decode())
    assert rows == [
        ["Timestamp", "Org", "Contact email", "State", "reason"],
        [
            "10:05",
            "N/A",
            "b@example.org",
            "Kalifornia",
            "Org: “N/A” is a placeholder, not a name.; "
            "State: Unknown state “Kalifornia”: did you mean California?",
        ],
        [
            "10:15",
            '\'=HYPERLINK("http://evil.example","Click")',
            "d@example.org",
            "Asociación",
            'Org “=HYPERLINK("http://evil.example","Click")”: The name starts with “=”, which '
            "spreadsheets run as a formula: remove it if it is not part of the name.; "
            "State: Unknown state “Asociación”.",
        ],
    ]


def test_without_a_preview_there_is_nothing_to_download(editor_client):
    response = editor_client.get(SKIPPED_URL, follow=True)

    assert response.redirect_chain[-1][0] == IMPORT_URL
    assert "no longer current" in response.content.decode()


def test_only_importers_may_download_skipped_rows(client, db):
    client.force_login(UserFactory(groups=["Communications"]))
    response = client.get(SKIPPED_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_row_shorter_than_the_headings_is_padded_and_formula_headings_neutralised(db):
    table = read_table("x.csv", b"Org,State,=cmd\nN/A\n")
    rows = table.rows(["name", "state", ""])

    content = skipped_rows_csv(table.headings, rows, plan_import(rows))

    assert read_csv(content) == [
        ["Org", "State", "'=cmd", "reason"],
        ["N/A", "", "", "Org: “N/A” is a placeholder, not a name.; State: The state is blank: "
         "give a state or National."],
    ]  # fmt: skip
