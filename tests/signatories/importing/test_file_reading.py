"""Reading files as editors get them: UTF-8 with or without a byte-order mark, Excel's Windows
code page (with a notice), XLSX formulas read as their saved values, headings kept as written."""

import json
from dataclasses import asdict

import pytest

from signatories.importing.mapping import guess_mapping, ignored_headings
from signatories.importing.planning import plan_import
from signatories.importing.reading import ImportFileError, SourceRow, read_rows, read_table
from signatories.importing.skipped import skipped_rows_csv

from .workbook_files import xlsx_bytes

CSV_TEXT = "Organization name,State\nAsociación Niños,N.Y.\n"


@pytest.mark.parametrize("content", [CSV_TEXT.encode(), b"\xef\xbb\xbf" + CSV_TEXT.encode()])
def test_utf8_with_or_without_a_byte_order_mark_reads_the_same(content):
    table = read_table("list.csv", content)
    assert table.headings == ["Organization name", "State"]
    assert table.notice == ""
    assert table.rows(guess_mapping(table.headings))[0].values == {
        "name": "Asociación Niños",
        "state": "N.Y.",
    }


def test_a_windows_1252_file_is_read_with_a_notice_to_check_the_accents():
    table = read_table("list.csv", (CSV_TEXT + "Café “Unido”,TX\n").encode("cp1252"))

    assert "read as Windows-1252" in table.notice
    names = [row.values["name"] for row in table.rows(guess_mapping(table.headings))]
    assert names == ["Asociación Niños", "Café “Unido”"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (CSV_TEXT.encode("utf-16"), "The file is UTF-16 text"),
        (b"name,state\nOrg\x00\x81,TX\n", "not text in UTF-8 or Windows-1252"),
    ],
)
def test_a_file_in_no_known_encoding_is_refused_saying_how_to_save_it(content, message):
    with pytest.raises(ImportFileError, match=message) as refused:
        read_table("list.csv", content)
    assert "CSV UTF-8" in str(refused.value)


def test_an_xlsx_formula_reads_as_the_value_the_spreadsheet_saved(db):
    content = xlsx_bytes(
        [["Organization name", "State"], ['=CONCATENATE("Casa", " Latina")', "=B3"], ["X", "WA"]],
        formulas={"A2": "Casa Latina", "B2": "WA"},
    )
    rows = read_rows("list.xlsx", content)

    assert rows[0].values == {"name": "Casa Latina", "state": "WA"}
    assert rows[0].problems == []
    assert plan_import(rows).results[0].action == "create"


def test_an_xlsx_formula_with_no_saved_value_is_read_as_its_text_and_listed(db):
    content = xlsx_bytes(
        [["Org", "State", "Timestamp"], ['=CONCATENATE("Casa", " Latina")', "=B3", "=NOW()"]],
        formulas={"A2": None, "B2": None, "C2": None},
    )
    plan = plan_import(read_rows("list.xlsx", content))

    [result] = plan.results
    assert result.action == "skip"
    columns = [(problem.column, problem.value) for problem in result.problems]
    # Both formulas of the columns it reads, and nothing about the ignored timestamp.
    assert columns[:2] == [("Org", '=CONCATENATE("Casa", " Latina")'), ("State", "=B3")]
    assert "with no saved value" in result.problems[0].message
    assert all(column != "Timestamp" for column, _value in columns)


def test_headings_are_kept_as_written_and_a_blank_one_is_named_by_its_letter():
    table = read_table("list.csv", b"Org,  Contact   email ,,State,,\nCasa Latina,a@b.org,x,WA,,\n")

    assert table.headings == ["Org", "Contact email", "", "State"]
    mapping = guess_mapping(table.headings)
    assert mapping == ["name", "", "", "state"]
    assert ignored_headings(table.headings, mapping) == ["Contact email", "column C"]


def test_rows_stored_as_json_plan_and_report_the_same_as_the_rows_read(db):
    content = xlsx_bytes(
        [["Org", "State"], ["=UPPER(B9)", "WA"], ["Casa Latina", "Kalifornia"], ["Otra", "TX"]],
        formulas={"A2": None},
    )
    table = read_table("list.xlsx", content)
    rows = table.rows(guess_mapping(table.headings))
    restored = [SourceRow(**json.loads(json.dumps(asdict(row)))) for row in rows]

    plan, replanned = plan_import(rows), plan_import(restored)

    assert replanned.digest() == plan.digest()
    assert [result.reasons for result in replanned] == [result.reasons for result in plan]
    assert skipped_rows_csv(table.headings, restored, replanned) == skipped_rows_csv(
        table.headings, rows, plan
    )
    assert len(plan.skipped) == 2
