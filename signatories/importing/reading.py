"""Reading an uploaded file (CSV, XLSX or the seed text) into numbered rows of text."""

import csv
import io
import logging
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from ..seed import SeedFormatError, parse_statement
from ..spreadsheets import restore_formula_text

logger = logging.getLogger(__name__)

EXTENSIONS = ("csv", "xlsx", "txt")
COLUMNS = ("name", "level", "state", "city", "website", "note", "published")
# Headings that mean one of COLUMNS, so a file exported from the listing imports back.
HEADER_ALIASES = {
    "organization": "name",
    "organization name": "name",
    "state code": "state",
    "public note": "note",
    "live": "published",
}


class ImportFileError(ValueError):
    """A file that cannot be read at all, with a message for the person importing it."""


@dataclass(frozen=True)
class SourceRow:
    """One row of a file: its number as the file shows it (the header is row 1; in a seed
    text file, the line) and its cells by column, blank cells as ""."""

    number: int
    values: dict


def read_rows(filename, content, max_rows=None):
    """The rows of an uploaded file, by its extension; raises ImportFileError."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    if extension == "txt":
        rows = _seed_rows(_decode(content))
    elif extension == "csv":
        rows = _table_rows(_csv_records(_decode(content)), max_rows)
    elif extension == "xlsx":
        rows = _table_rows(_xlsx_records(content), max_rows)
    else:
        raise ImportFileError(_("Choose a .csv, .xlsx or .txt file."))
    if max_rows is not None and len(rows) > max_rows:
        _too_many_rows(max_rows)
    return rows


def _too_many_rows(max_rows):
    raise ImportFileError(
        _("The file has more than %(max)d rows: import it with the command line.")
        % {"max": max_rows}
    )


def _decode(content):
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")
        ) from error


def _csv_records(text):
    # Spreadsheets in some languages separate cells with ";" or tabs: the header shows which.
    header = text.partition("\n")[0]
    delimiter = max(",;\t", key=header.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed: %(error)s") % {"error": error}
        ) from error


def _xlsx_records(content):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for cells in workbook.worksheets[0].iter_rows(values_only=True):
                yield [_cell_text(cell) for cell in cells]
        finally:
            workbook.close()
    # openpyxl reports a part it cannot parse as ValueError, or as an XML ParseError (a
    # SyntaxError); that includes a chart sheet's picture Pillow refuses to decode.
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        IndexError,
        ValueError,
        SyntaxError,
    ) as error:
        logger.warning("unreadable workbook: %s: %s", type(error).__name__, error)
        raise ImportFileError(_("The file could not be read as an Excel workbook.")) from error


def _cell_text(cell):
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _table_rows(records, max_rows):
    header = next(records, None)
    if header is None:
        raise ImportFileError(_("The file is empty."))
    columns = [_column(heading) for heading in header]
    if "name" not in columns or not {"state", "level"} & set(columns):
        raise ImportFileError(
            _(
                "The first row must name the columns, among them “name” and “state” (a state "
                "code, a state name or National). Found: %(found)s."
            )
            % {"found": ", ".join(str(heading) for heading in header if heading) or _("none")}
        )
    rows = []
    for number, cells in enumerate(records, start=2):
        # Counted as read, blank or not, so a sheet of a million empty rows stops early.
        if max_rows is not None and number - 1 > max_rows:
            _too_many_rows(max_rows)
        # Rows may be shorter or longer than the header: missing cells are blank.
        pairs = zip(columns, cells, strict=False)
        values = {column: restore_formula_text(cell.strip()) for column, cell in pairs if column}
        if not any(values.values()):
            continue  # Spreadsheets keep empty rows below the data.
        rows.append(SourceRow(number, values))
    return rows


def _column(heading):
    words = " ".join(str(heading or "").replace("_", " ").split()).casefold()
    column = HEADER_ALIASES.get(words, words)
    return column if column in COLUMNS else None


def _seed_rows(text):
    try:
        statement = parse_statement(text)
    except SeedFormatError as error:
        raise ImportFileError(_("The text file is not in the seed format: %s") % error) from error
    return [
        SourceRow(
            entry.line,
            {"name": entry.name, "level": entry.level, "state": entry.state, "note": entry.note},
        )
        for entry in statement.signatories
    ]
