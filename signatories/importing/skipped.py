"""The skipped rows of an import as a CSV file to fix and import again."""

import csv
import io

from django.utils.translation import gettext as _

from ..spreadsheets import neutralise_formula
from .cleaning import describe


def skipped_rows_csv(headings, rows, plan):
    """The file's columns for each skipped row (not the unchanged ones), as the file had them,
    and a "reason" column with every problem of the row. Starts with a byte-order mark so that
    spreadsheet programs read the accents right; formula-like cells are neutralised."""
    cells_of = {row.number: row.cells for row in rows}
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output)
    writer.writerow([neutralise_formula(heading) for heading in [*headings, _("reason")]])
    for result in plan.skipped:
        cells = list(cells_of.get(result.number, []))[: len(headings)]
        cells += [""] * (len(headings) - len(cells))
        reason = "; ".join(describe(problem) for problem in result.problems)
        writer.writerow([neutralise_formula(value) for value in [*cells, reason]])
    return output.getvalue()
