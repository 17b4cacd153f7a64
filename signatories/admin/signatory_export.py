"""The signatory listing's CSV and XLSX downloads: safe to open, readable, and quick at
10,000 rows (bench/admin_scale.py).

XLSX cells are typed, so a name starting with "=" is text there already; CSV cells are not, so
the CSV export protects them (see spreadsheets.py). The CSV starts with a UTF-8 byte-order
mark, without which spreadsheet programs read "Asociación" as "AsociaciÃ³n", and writes times
as ISO 8601 in UTC to the second.
"""

from datetime import UTC, datetime
from operator import attrgetter

from django.utils.encoding import force_str
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from ..spreadsheets import UTF8_BOM, iso_utc, neutralise_formula

CSV = SpreadsheetExportMixin.FORMAT_CSV


class SignatoryExportMixin:
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {CSV: neutralise_formula},
        datetime: {**SpreadsheetExportMixin.custom_value_preprocess[datetime], CSV: iso_utc},
    }

    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from super().stream_csv(queryset)

    def write_xlsx(self, queryset, output):
        """Wagtail's XLSX, row by row in openpyxl's write-only mode, from plain values: Wagtail
        wraps each value in a cell of its own, which openpyxl then copies, three times the
        work for 100,000 cells."""
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="Sheet1")
        sheet.append([self.get_heading(queryset, field) for field in self.list_export])
        getters = [attrgetter(field) for field in self.list_export]
        for item in queryset:  # the listing has read it already
            sheet.append([xlsx_value(sheet, getter(item)) for getter in getters])
        workbook.save(output)


def xlsx_value(sheet, value):
    if isinstance(value, datetime):
        # Excel has no time zones: times in UTC, as the CSV writes them.
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if value is None or isinstance(value, bool | int | float):
        return value
    text = force_str(value)
    if text.startswith("="):
        # openpyxl would write it as a formula: a text cell instead, as Wagtail does.
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"
        return cell
    return text
