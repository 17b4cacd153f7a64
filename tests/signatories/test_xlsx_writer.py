"""The XLSX writer behind the signatory export: a workbook that openpyxl reads back cell for
cell, whatever the text holds, streamed in pieces."""

import csv
import io
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from hashlib import sha256
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from signatories.xlsx_writer import MAX_TEXT, column_letters, save_workbook, stream_workbook


def workbook_bytes(headings, rows):
    output = io.BytesIO()
    save_workbook(output, headings, rows)
    return output.getvalue()


def read_back(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


def round_trip(*values):
    """The values written as one column (under a heading) and read back."""
    _, rows = read_back(workbook_bytes(["value"], [[value] for value in values]))
    assert rows[0] == ["value"]
    return [row[0] for row in rows[1:]]


def test_markup_quotes_and_entities_read_back_exactly():
    values = [
        '<b>Bold & "quoted"</b>',
        "Tom's ]]> <![CDATA[x]]>",
        "&amp; already escaped &#x41;",
        "  padded both sides  ",
        "line one\nline two",
        "tab\tinside",
    ]
    assert round_trip(*values) == values


def test_non_ascii_text_reads_back_exactly():
    values = [
        "Asociación de Trabajadores Agrícolas",
        "Ñandú Coöperative — “quoted”",
        "日本語の団体",
        "Організація громади",
        "عمال المزارع",
        "🌵 Desert Alliance 🏜️",
    ]
    assert round_trip(*values) == values


def test_characters_xml_cannot_hold_are_dropped_and_the_rest_kept():
    assert round_trip("a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffffi") == ["abcdefghi"]
    # A carriage return is legal in XML and kept, not turned into a newline by the parser.
    assert round_trip("one\r\ntwo\rthree") == ["one\r\ntwo\rthree"]


@pytest.mark.parametrize(
    "text", ["=1+1", '=HYPERLINK("http://evil.example","Click")', "+1", "-2", "@SUM(A1)", "\t=1"]
)
def test_formula_looking_text_gets_the_same_apostrophe_as_the_csv(text):
    sheet, rows = read_back(workbook_bytes([text], [[text]]))
    assert rows == [[f"'{text}"], [f"'{text}"]]
    assert [cell.data_type for row in sheet.iter_rows() for cell in row] == ["s", "s"]


def test_text_with_an_equals_sign_inside_is_left_alone():
    assert round_trip("a=b", "Health + Housing", "x@example.org") == [
        "a=b",
        "Health + Housing",
        "x@example.org",
    ]


def test_cells_are_typed():
    moment = datetime(2026, 11, 30, 1, 59, 44, tzinfo=timezone(timedelta(hours=-5)))
    values = [True, False, 42, 2.5, Decimal("1.25"), None, moment, date(2026, 1, 2), "text"]
    read = round_trip(*values)
    assert read[:6] == [True, False, 42, 2.5, 1.25, None]
    # Excel has no time zones: the time in UTC, to the second.
    assert read[6] == datetime(2026, 11, 30, 6, 59, 44)
    assert read[7].date() == date(2026, 1, 2)
    assert read[8] == "text"


def test_numbers_a_cell_cannot_hold_are_written_as_text():
    assert round_trip(float("inf"), float("nan"), Decimal("-Infinity")) == [
        "inf",
        "nan",
        "'-Infinity",
    ]


def test_times_keep_their_seconds_and_naive_ones_are_taken_as_they_are():
    moments = [datetime(2000, 2, 29, 23, 59, 59), datetime(2026, 1, 1, tzinfo=UTC)]
    assert round_trip(*moments) == [datetime(2000, 2, 29, 23, 59, 59), datetime(2026, 1, 1)]


def test_text_longer_than_excel_allows_is_cut_to_its_limit():
    assert round_trip("x" * (MAX_TEXT + 10)) == ["x" * MAX_TEXT]


def test_the_file_is_a_package_of_well_formed_parts():
    content = workbook_bytes(["name", "note"], [["<&>", None], ["é", "\x07"]])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        assert set(archive.namelist()) == {
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        }
        for name in archive.namelist():
            # Our own output: raises if a part is not well-formed XML.
            ElementTree.fromstring(archive.read(name))  # noqa: S314


def test_a_long_sheet_is_streamed_in_pieces_that_make_the_same_workbook():
    # Digests, which compress little, so the zip has bytes to pass on before the end.
    rows = [[sha256(bytes(number)).hexdigest(), number] for number in range(2_000)]

    pieces = list(stream_workbook(["name", "number"], iter(rows)))

    assert len(pieces) > 2
    _, read = read_back(b"".join(pieces))
    assert read[0] == ["name", "number"]
    assert read[1:] == rows


def test_columns_are_lettered_as_spreadsheets_do():
    letters = column_letters(703)
    assert letters[:3] == ["A", "B", "C"]
    assert letters[25:28] == ["Z", "AA", "AB"]
    assert letters[-1] == "AAA"


@pytest.mark.slow
@pytest.mark.skipif(
    not shutil.which("soffice"), reason="needs LibreOffice (libreoffice-calc-nogui)"
)
def test_libreoffice_reads_the_streamed_workbook(tmp_path):
    moment = datetime(2026, 11, 30, 1, 59, 44, tzinfo=UTC)
    rows = [['<b>Bold & "q"</b>', "Asociación Ñandú 日本 🌵", "=1+1", True, 42, moment, "a\x0bb"]]
    workbook = tmp_path / "signatories.xlsx"
    workbook.write_bytes(b"".join(stream_workbook([f"h{n}" for n in range(7)], iter(rows))))

    convert = ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"]
    subprocess.run(  # noqa: S603 - LibreOffice on a file this test wrote
        [shutil.which("soffice"), "--headless", *convert, "--outdir", str(tmp_path), str(workbook)],
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        timeout=120,
    )

    with (tmp_path / "signatories.csv").open(encoding="utf-8") as converted:
        read = list(csv.reader(converted))
    assert read[1] == [
        '<b>Bold & "q"</b>',
        "Asociación Ñandú 日本 🌵",
        "'=1+1",
        "TRUE",
        "42",
        "2026-11-30 01:59:44",
        "ab",
    ]
