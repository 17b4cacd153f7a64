"""Reading the first sheet of an XLSX workbook as rows of text.

A cell holding a formula is read as the value the spreadsheet program saved with it, as a
person sees it. A file written by a program that saves no values (some exporters and
scripts) has only the formula: its text is read and the cell noted as a problem.
"""

import io
import logging
import zipfile

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def xlsx_records(content):
    """``(cells, notes)`` for each row; ``notes`` are ``[column index, formula, message]``.
    Raises ValueError with a message for the editor when the file is no readable workbook."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Read twice, side by side: once for the saved values, once for the formulas.
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            value_rows = values.worksheets[0].iter_rows()
            formula_rows = formulas.worksheets[0].iter_rows()
            for value_row, formula_row in zip(value_rows, formula_rows, strict=False):
                yield _row(value_row, formula_row)
        finally:
            values.close()
            formulas.close()
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
        raise ValueError(_("The file could not be read as an Excel workbook.")) from error


def _row(value_row, formula_row):
    cells, notes = [], []
    for index, value_cell in enumerate(value_row):
        text = _cell_text(value_cell.value)
        formula = formula_row[index] if index < len(formula_row) else None
        if not text and formula is not None and formula.data_type == "f":
            text = str(formula.value)
            notes.append(
                [
                    index,
                    text,
                    _(
                        "The cell holds the formula “%(formula)s” with no saved value: open "
                        "the file in a spreadsheet program, save it and upload it again."
                    )
                    % {"formula": text},
                ]
            )
        cells.append(text)
    return cells, notes


def _cell_text(cell):
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
