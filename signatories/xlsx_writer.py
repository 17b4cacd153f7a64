"""A one-sheet XLSX workbook written straight into a zip, row by row, with the standard library.

openpyxl builds a cell object for every value and takes about a second for the 100,000 cells
of 10,000 signatories; writing the sheet's XML directly takes a fraction of that
(bench/admin_scale.py). The workbook has the parts the Office Open XML format requires and
no more: content types, the package and workbook relationships, the workbook, a stylesheet
for dates and one worksheet whose text is inline (no shared-strings table to hold in memory).
The tests read it back with openpyxl, and with LibreOffice where it is installed.

Cells are typed: booleans, numbers, dates and times (in UTC, as Excel has no time zones), and
text (infinities and NaN too, which a number cell cannot hold). Text is escaped for XML,
loses the control characters XML cannot hold, and gets the same leading apostrophe as the CSV
export when a spreadsheet would read it as a formula.
"""

import math
import re
import time
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.utils.encoding import force_str

from .spreadsheets import neutralise_formula

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel's day 0; its serial numbers count days (and fractions of a day) from here.
EXCEL_EPOCH = datetime(1899, 12, 30)
ONE_DAY = timedelta(days=1)
# Excel refuses longer text in a cell.
MAX_TEXT = 32_767
# XML 1.0 allows tab, newline and carriage return below U+0020, and no surrogates or U+FFFE/F.
ILLEGAL_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Rows per write to the zip: few enough calls, little held in memory.
ROWS_PER_CHUNK = 500

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PARTS = {
    "[Content_Types].xml": (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'{_HEAD}<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'{_HEAD}<Relationships xmlns="{_RELS}">'
        f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    # Style 1 shows a date and time to the second, style 2 a date.
    "xl/styles.xml": (
        f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>'
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs><cellXfs count="3">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles></styleSheet>"
    ),
}
SHEET_START = f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>'
SHEET_END = "</sheetData></worksheet>"


def column_letters(count):
    """["A", "B", …, "Z", "AA", …] for ``count`` columns."""
    letters = []
    for number in range(1, count + 1):
        name = ""
        while number:
            number, remainder = divmod(number - 1, 26)
            name = chr(65 + remainder) + name
        letters.append(name)
    return letters


def xml_text(value):
    """``value`` as text safe inside an XML element: escaped, without the characters XML
    cannot hold, a carriage return kept (a parser would turn a bare one into a newline)."""
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return ILLEGAL_IN_XML.sub("", text).replace("\r", "&#13;")


def cell_xml(ref, value):
    """One ``<c>`` element, or "" for None (an empty cell is left out)."""
    if value is None:
        return ""
    if value is True or value is False:
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal) and math.isfinite(value):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return f'<c r="{ref}" s="1"><v>{(value - EXCEL_EPOCH) / ONE_DAY!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="2"><v>{(value - EXCEL_EPOCH.date()).days}</v></c>'
    text = xml_text(neutralise_formula(force_str(value))[:MAX_TEXT])
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_chunks(headings, rows):
    """The worksheet's XML in pieces of ROWS_PER_CHUNK rows, headings first."""
    letters = column_letters(len(headings))
    chunk = [SHEET_START]
    for number, row in enumerate(_with_headings(headings, rows), start=1):
        cells = "".join(
            cell_xml(f"{letter}{number}", value) for letter, value in zip(letters, row, strict=True)
        )
        chunk.append(f'<row r="{number}">{cells}</row>')
        if len(chunk) >= ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    chunk.append(SHEET_END)
    yield "".join(chunk)


def _with_headings(headings, rows):
    yield headings
    yield from rows


def write_in_steps(output, headings, rows):
    """Write the workbook to ``output``, a binary file that need not be seekable, pausing
    (yielding None) after each piece of the sheet so a caller can pass on what was written."""
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in PARTS.items():
            archive.writestr(name, xml)
        # Dated now like the parts above; a bare name would be dated 1980.
        sheet_info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", time.localtime()[:6])
        sheet_info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(sheet_info, "w") as sheet:
            for chunk in sheet_chunks(headings, rows):
                sheet.write(chunk.encode())
                yield


class _Pending:
    """A write-only file whose bytes are taken as they come, for a streamed response."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data, self.parts = b"".join(self.parts), []
        return data


def stream_workbook(headings, rows):
    """The workbook's bytes, a piece at a time, for a StreamingHttpResponse."""
    pending = _Pending()
    for _ in write_in_steps(pending, headings, rows):
        if data := pending.take():
            yield data
    if data := pending.take():  # the zip's directory, written as it closed
        yield data


def save_workbook(output, headings, rows):
    """Write the whole workbook to ``output``."""
    for _ in write_in_steps(output, headings, rows):
        pass
