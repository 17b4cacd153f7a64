"""Reading a CSV, XLSX or seed text file into rows and planning the import: every row numbered
as the file shows it, with what would change or why it is skipped; unreadable files say why."""

import pytest

from signatories.importing.planning import CREATE, SKIP, UPDATE, plan_import
from signatories.importing.reading import ImportFileError, read_rows
from signatories.models import Signatory
from signatories.seed import SEED_FILE, load_signatories, read_seed

from ...admin_helpers import csv_bytes
from ...factories import SignatoryFactory
from .import_files import MIXED_FILE
from .workbook_files import xlsx_bytes


def by_row(plan):
    return {result.number: result for result in plan}


def test_plan_reports_every_row_with_its_number_and_writes_nothing(listed):
    plan = plan_import(read_rows("list.csv", csv_bytes(MIXED_FILE)))

    rows = by_row(plan)
    assert sorted(rows) == [2, 3, 4, 5, 6, 7, 8]
    assert rows[2].action == CREATE
    assert rows[2].group == "Texas"
    assert rows[3].action == SKIP and rows[3].unchanged
    assert rows[4].action == UPDATE
    assert rows[4].changes == {"website": ["", "https://casa.example.org"]}
    assert rows[5].reason == "The name is blank."
    assert rows[6].reason == "Unknown state “Atlantis”."
    assert rows[7].reason == "Duplicate of row 2."
    assert rows[8].problems == [
        (
            "Website",
            "ftp://files.example.org",
            "“ftp://files.example.org” is not a web address (http or https).",
        )
    ]
    assert plan.counts() == {"created": 1, "updated": 1, "unchanged": 1, "skipped": 4}
    assert Signatory.objects.count() == 2
    assert Signatory.objects.get(name="Casa Latina").website == ""


def test_state_column_takes_a_code_a_name_or_national(db):
    rows = read_rows(
        "states.csv",
        csv_bytes(
            [
                ["name", "state"],
                ["One", "ny"],
                ["Two", "new york"],
                ["Three", "National"],
                ["Four", "District of Columbia"],
            ]
        ),
    )
    groups = [(result.values["level"], result.values["state"]) for result in plan_import(rows)]
    assert groups == [("state", "NY"), ("state", "NY"), ("national", ""), ("state", "DC")]


def test_level_and_state_must_agree(db):
    rows = read_rows(
        "levels.csv",
        csv_bytes(
            [
                ["name", "level", "state"],
                ["National One", "national", ""],
                ["Confused", "national", "TX"],
                ["No State", "state", ""],
                ["Odd Level", "county", "TX"],
            ]
        ),
    )
    reasons = [result.reason for result in plan_import(rows)]
    assert reasons == [
        "",
        "A national organization has no state.",
        "The state is blank: give a state or National.",
        "Unknown level “county”: use national or state.",
    ]


def test_xlsx_rows_are_numbered_as_the_spreadsheet_shows_them(db):
    content = xlsx_bytes(
        [
            ["Organization name", "State code", "Published", "City"],
            ["Casa Latina", "WA", True, None],
            [None, None, None, None],
            ["Draft Org", "Washington", False, 98101],
            ["", "WA", True, "Seattle"],
        ]
    )
    plan = plan_import(read_rows("list.xlsx", content))

    rows = by_row(plan)
    assert sorted(rows) == [2, 4, 5]
    assert rows[2].values["published"] is True
    assert rows[4].values["published"] is False
    assert rows[4].values["city"] == "98101"
    assert rows[5].reason == "The name is blank."


def test_seed_text_file_imports_with_line_numbers(db):
    text = (
        "The statement.\n\nNATIONAL\nPraxis Project\n\n"
        "Iowa\nIowa CCI (for identification purposes only)\n"
    )
    plan = plan_import(read_rows("statement.txt", text.encode()))
    assert [(r.number, r.name, r.group) for r in plan] == [
        (4, "Praxis Project", "National"),
        (7, "Iowa CCI", "Iowa"),
    ]
    assert plan.results[1].values["note"] == "for identification purposes only"


def test_the_seed_file_is_unchanged_after_the_seed_loader_ran(db):
    load_signatories(read_seed().signatories)
    plan = plan_import(read_rows("statement.txt", SEED_FILE.read_bytes()))
    counts = plan.counts()
    assert counts["created"] == counts["updated"] == counts["skipped"] == 0
    assert counts["unchanged"] == Signatory.objects.count()


def test_protected_formula_cells_import_as_written(db):
    rows = read_rows("formula.csv", csv_bytes([["name", "state", "note"], ["Org", "WA", "'=1+1"]]))
    assert plan_import(rows).results[0].values["note"] == "=1+1"


def test_invisible_characters_are_removed_and_the_name_flagged(db):
    rows = read_rows("hidden.csv", csv_bytes([["name", "state"], ["Casa\u200bLatina", "WA"]]))
    result = plan_import(rows).results[0]
    assert result.name == "CasaLatina"
    assert result.warnings and "Invisible" in result.warnings[0]


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("list.csv", b"organization,where\nX,TX\n", "must name the columns"),
        ("list.csv", b"", "The file is empty."),
        ("list.csv", b"name,state\nCaf\x00\x81,TX\n", "not text in UTF-8 or Windows-1252"),
        ("list.csv", "name,state\n".encode("utf-16"), "UTF-16"),
        ("list.xlsx", b"not a workbook", "could not be read as an Excel workbook"),
        ("list.txt", b"Just a paragraph.\n", "not in the seed format"),
        ("list.pdf", b"%PDF", "Choose a .csv, .xlsx or .txt file."),
    ],
)
def test_unreadable_files_say_why(filename, content, message):
    with pytest.raises(ImportFileError, match=message):
        read_rows(filename, content)


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("list.csv", csv_bytes([["name", "state"], ["One", "TX"], ["Two", "TX"], ["Three", "TX"]])),
        ("list.xlsx", xlsx_bytes([["name", "state"], ["One", "TX"], ["Two", "TX"], ["3", "TX"]])),
        ("list.txt", b"NATIONAL\nOne Org\nTwo Org\nThree Org\n"),
    ],
)
def test_a_row_limit_applies_to_every_format(filename, content):
    with pytest.raises(ImportFileError, match="more than 2 rows"):
        read_rows(filename, content, max_rows=2)
    assert len(read_rows(filename, content, max_rows=3)) == 3


def test_semicolon_separated_csv_is_read(db):
    rows = read_rows("excel.csv", b"name;state\nCasa Latina;WA\n")
    assert rows[0].values == {"name": "Casa Latina", "state": "WA"}


def test_a_formula_like_name_is_refused_unless_an_editor_already_listed_it(db):
    SignatoryFactory(name='=HYPERLINK("http://evil.example","Click")', state="WA")
    rows = read_rows(
        "names.csv",
        csv_bytes(
            [
                ["name", "state"],
                ['=HYPERLINK("http://evil.example","Click")', "WA"],
                ['=HYPERLINK("http://evil.example","Click")', "TX"],
                ["N/A", "WA"],
            ]
        ),
    )
    listed, new, placeholder = plan_import(rows).results

    assert listed.unchanged
    assert new.action == SKIP
    assert "which spreadsheets run as a formula" in new.reason
    assert placeholder.reason == "“N/A” is a placeholder, not a name."
