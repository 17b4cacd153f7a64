"""Reading an uploaded file (CSV, XLSX or the seed text) into a table, then into rows.

``read_table`` gives the file's headings and its numbered records of text, writing nothing and
choosing nothing; ``Table.rows(mapping)`` gives each record's cells by signatory field, for
planning. ``read_rows`` does both with the mapping guessed from the headings.
"""

import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext as _

from ..seed import SeedFormatError, parse_statement
from ..spreadsheets import restore_formula_text
from .cleaning import Problem
from .decoding import decode_text
from .mapping import guess_mapping, mapping_errors
from .workbooks import xlsx_records

logger = logging.getLogger(__name__)

EXTENSIONS = ("csv", "xlsx", "txt")
SEED_HEADINGS = ("name", "level", "state", "note")


class ImportFileError(ValueError):
    """A file that cannot be read at all, with a message for the person importing it."""


@dataclass(frozen=True)
class SourceRow:
    """One row of a file: its number as the file shows it (the header is row 1; in a seed
    text file, the line), its cells by signatory field (blank cells as ""), every cell of the
    row as the file has it, the file's heading of each field, and the problems found while
    reading it (a formula with no saved value)."""

    number: int
    values: dict
    cells: list = field(default_factory=list)
    headings: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


@dataclass
class Table:
    """A file's headings and its non-blank records ``[number, cells, notes]``; ``notes`` are
    ``[column index, value, message]`` for cells read with a problem. ``notice`` says how the
    file was read when that needs checking (an encoding other than UTF-8)."""

    headings: list
    records: list
    notice: str = ""
    is_seed: bool = False

    def rows(self, mapping):
        """The records as SourceRows under ``mapping`` (one field or "" per column)."""
        fields = {index: name for index, name in enumerate(mapping) if name}
        headings = {name: str(self.headings[index]) for index, name in fields.items()}
        rows = []
        for number, cells, notes in self.records:
            values = {
                name: cells[index] if index < len(cells) else "" for index, name in fields.items()
            }
            problems = [
                Problem(str(self.headings[index]), value, message)
                for index, value, message in notes
                if index in fields
            ]
            rows.append(SourceRow(number, values, list(cells), headings, problems))
        return rows


def read_rows(filename, content, max_rows=None, chosen=None):
    """The rows of a file, its columns guessed from the headings (``chosen``, {heading key:
    field}, overrides a guess); raises ImportFileError, also when no column holds the name or
    state."""
    table = read_table(filename, content, max_rows)
    mapping = guess_mapping(table.headings, chosen)
    if mapping_errors(mapping):
        raise ImportFileError(
            _(
                "The first row must name the columns, among them “name” and “state” (a state "
                "code, a state name or National). Found: %(found)s."
            )
            % {"found": ", ".join(str(h) for h in table.headings if h) or _("none")}
        )
    return table.rows(mapping)


def read_table(filename, content, max_rows=None):
    """The table of an uploaded file, by its extension; raises ImportFileError."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    notice = ""
    if extension in ("txt", "csv"):
        try:
            text, notice = decode_text(content)
        except ValueError as error:
            raise ImportFileError(str(error)) from error
    if extension == "txt":
        table = _seed_table(text)
    elif extension == "csv":
        table = _table(((cells, []) for cells in _csv_records(text)), max_rows)
    elif extension == "xlsx":
        try:
            table = _table(xlsx_records(content), max_rows)
        except ValueError as error:
            raise ImportFileError(str(error)) from error
    else:
        raise ImportFileError(_("Choose a .csv, .xlsx or .txt file."))
    if max_rows is not None and len(table.records) > max_rows:
        _too_many_rows(max_rows)
    table.notice = notice
    return table


def _too_many_rows(max_rows):
    raise ImportFileError(
        _("The file has more than %(max)d rows: import it with the command line.")
        % {"max": max_rows}
    )


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


def _table(records, max_rows):
    """A Table from ``(cells, notes)`` pairs, the first being the headings."""
    first = next(records, None)
    if first is None:
        raise ImportFileError(_("The file is empty."))
    headings = [" ".join(str(heading).split()) for heading in first[0]]
    while headings and not headings[-1]:
        headings.pop()  # Spreadsheets pad rows with blank cells on the right.
    if not any(headings):
        raise ImportFileError(_("The first row must name the columns; it is blank."))
    kept = []
    for number, (cells, notes) in enumerate(records, start=2):
        # Counted as read, blank or not, so a sheet of a million empty rows stops early.
        if max_rows is not None and number - 1 > max_rows:
            _too_many_rows(max_rows)
        # Rows may be shorter or longer than the header: missing cells are blank, extra ones
        # (with no heading) dropped.
        cells = [restore_formula_text(cell.strip()) for cell in cells[: len(headings)]]
        if not any(cells):
            continue  # Spreadsheets keep empty rows below the data.
        kept.append([number, cells, [note for note in notes if note[0] < len(headings)]])
    return Table(headings, kept)


def _seed_table(text):
    try:
        statement = parse_statement(text)
    except SeedFormatError as error:
        raise ImportFileError(_("The text file is not in the seed format: %s") % error) from error
    records = [
        [entry.line, [entry.name, entry.level, entry.state, entry.note], []]
        for entry in statement.signatories
    ]
    return Table(list(SEED_HEADINGS), records, is_seed=True)
