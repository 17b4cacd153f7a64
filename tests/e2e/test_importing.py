"""A Signatory editor imports a sign-up sheet exported from an online form: chooses the column
the import could not tell, reads every problem in the preview, downloads the skipped rows, and
finds the columns remembered the next time. Nothing is written before the import is confirmed."""

import csv
import io

from playwright.sync_api import expect

from signatories.models import Signatory

from .conftest import log_in

SHEET = [
    ["Timestamp", "Org", "Contact email", "Where", "Website URL"],
    ["2026-11-30 09:00", "Riverside Tenants Union", "ana@example.org", "Calif.", "www.rtu.org"],
    ["2026-11-30 09:05", "Coalición Niños Primero", "luz@example.org", "N. Carolina", ""],
    ["2026-11-30 09:10", "N/A", "x@example.org", "Kalifornia", "javascript:alert(1)"],
    ["2026-11-30 09:15", '=HYPERLINK("http://evil.example")', "y@example.org", "TX", ""],
]


def sheet_bytes():
    output = io.StringIO()
    csv.writer(output).writerows(SHEET)
    return output.getvalue().encode("utf-8-sig")


def upload_sheet(page):
    page.goto("/admin/signatories/import/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "signups.csv", "mimeType": "text/csv", "buffer": sheet_bytes()}],
    )
    page.get_by_role("button", name="Preview").click()


def test_an_editor_maps_the_columns_checks_the_problems_and_downloads_the_skipped_rows(
    page, stack, people
):
    log_in(page, people["signatory_editor"])
    upload_sheet(page)

    # "Where" is no heading the import knows: it asks, and shows no preview yet.
    expect(page.get_by_text("Choose the column that holds the state")).to_be_visible()
    expect(page.locator(".import-ignored")).to_contain_text(
        "Ignored columns: Timestamp, Contact email, Where"
    )
    page.get_by_label("Where").select_option("state")
    page.get_by_role("button", name="Use these columns").click()

    expect(page.get_by_text("2 to create, 0 to update, 0 unchanged, 2 skipped.")).to_be_visible()
    expect(page.locator(".import-ignored")).to_have_text(
        "Ignored columns: Timestamp, Contact email"
    )
    problems = page.locator(".import-problems")
    expect(problems.nth(0)).to_contain_text("Org: “N/A” is a placeholder, not a name.")
    expect(problems.nth(0)).to_contain_text("did you mean California?")
    expect(problems.nth(0)).to_contain_text("“javascript:alert(1)” is not a web address")
    expect(problems.nth(1)).to_contain_text("which spreadsheets run as a formula")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the skipped rows").click()
    assert download.value.suggested_filename == "signups-skipped.csv"
    content = download.value.path().read_text(encoding="utf-8-sig")
    skipped = list(csv.reader(io.StringIO(content)))
    assert skipped[0] == [*SHEET[0], "reason"]
    assert [row[1] for row in skipped[1:]] == ["N/A", '\'=HYPERLINK("http://evil.example")']
    assert "Kalifornia" in skipped[1][-1] and "javascript:alert(1)" in skipped[1][-1]

    # A preview writes nothing.
    assert not Signatory.objects.filter(name="Riverside Tenants Union").exists()

    # The next sheet from the same form gets the same columns without asking.
    upload_sheet(page)
    expect(page.get_by_text("2 to create, 0 to update, 0 unchanged, 2 skipped.")).to_be_visible()
    expect(page.get_by_label("Where")).to_have_value("state")
