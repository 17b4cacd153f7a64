"""The signatory listing's CSV and XLSX downloads: safe to open, readable, and quick at
10,000 rows (bench/admin_scale.py).

Both protect text a spreadsheet program would run as a formula with a leading apostrophe (see
spreadsheets.py), which the import takes off again. The CSV starts with a UTF-8 byte-order
mark, without which spreadsheet programs read "Asociación" as "AsociaciÃ³n", and writes times
as ISO 8601 in UTC to the second; the XLSX has typed cells, times in UTC, and is streamed as it
is written (xlsx_writer.py), like the CSV.
"""

from datetime import datetime
from operator import attrgetter

from django.http import StreamingHttpResponse
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from ..spreadsheets import UTF8_BOM, iso_utc, neutralise_formula
from ..xlsx_writer import CONTENT_TYPE, save_workbook, stream_workbook

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

    def xlsx_headings_and_rows(self, queryset):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        getters = [attrgetter(field) for field in self.list_export]
        # Plain values: the writer types each cell itself.
        rows = ([getter(item) for getter in getters] for item in queryset)
        return headings, rows

    def write_xlsx(self, queryset, output):
        save_workbook(output, *self.xlsx_headings_and_rows(queryset))

    def write_xlsx_response(self, queryset):
        response = StreamingHttpResponse(
            stream_workbook(*self.xlsx_headings_and_rows(queryset)), content_type=CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.xlsx"'
        return response
