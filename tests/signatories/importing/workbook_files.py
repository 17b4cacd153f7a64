"""XLSX files for the import tests, with formula cells as spreadsheet programs save them."""

import io
import re
import zipfile
from xml.sax.saxutils import escape

from openpyxl import Workbook


def xlsx_bytes(rows, formulas=None):
    """A workbook whose first sheet holds ``rows``, every cell as text except those named in
    ``formulas``: {"A2": "Casa Latina"} makes A2's "=..." a formula whose value the spreadsheet
    program saved as "Casa Latina"; {"A2": None}, one saved with no value (openpyxl saves
    none)."""
    formulas = formulas or {}
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f" and cell.coordinate not in formulas:
                cell.data_type = "s"  # a name that only looks like a formula, as typed
    output = io.BytesIO()
    workbook.save(output)
    saved = {ref: value for ref, value in formulas.items() if value is not None}
    return _with_saved_values(output.getvalue(), saved) if saved else output.getvalue()


def _with_saved_values(xlsx, saved_values):
    sheet = "xl/worksheets/sheet1.xml"
    source, output = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    xml = source.read(sheet).decode()
    for ref, value in saved_values.items():
        xml, found = re.subn(
            rf'<c r="{ref}"><f>(.*?)</f><v\s*/>',
            lambda match, ref=ref, value=value: (
                f'<c r="{ref}" t="str"><f>{match.group(1)}</f><v>{escape(value)}</v>'
            ),
            xml,
        )
        assert found == 1, f"no formula cell {ref}"
    with zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            target.writestr(name, xml if name == sheet else source.read(name))
    return output.getvalue()
