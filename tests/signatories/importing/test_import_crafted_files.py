"""Importing a crafted or damaged workbook: a form error, never a 500, and nothing imported.

openpyxl reads the pictures of a chart sheet even in read-only mode, with Pillow: a PNG whose
comment inflates to 16 MB makes Pillow refuse it, and openpyxl reports that, like any part
it cannot parse, as a ValueError or an XML ParseError.
"""

import io
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.drawing.image import Image

from signatories.models import Signatory

from ...admin_helpers import upload
from ...factories import UserFactory
from ...png_helpers import png, png_comment_inflating_to

CRAFTED_PNG = png(before_pixels=png_comment_inflating_to(16 * 1024 * 1024))


def workbook_with_a_picture_on_a_chart_sheet(picture):
    """A valid list (a header and one row) and a chart sheet that shows ``picture``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "state"])
    sheet.append(["Casa Latina", "WA"])
    sheet.add_image(Image(io.BytesIO(png())), "D2")
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=1, min_row=1, max_row=2))
    workbook.create_chartsheet().add_chart(chart)
    output = io.BytesIO()
    workbook.save(output)
    # The chart sheet's drawing becomes the one holding the picture, then the picture is
    # swapped: openpyxl writes pictures on work sheets only, and reads them on chart sheets.
    return rewritten(
        output.getvalue(),
        {
            "xl/chartsheets/_rels/sheet1.xml.rels": lambda rels: rels.replace(
                b"drawing2.xml", b"drawing1.xml"
            ),
            "xl/media/image1.png": lambda _: picture,
        },
    )


def rewritten(xlsx, changes):
    source, output = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, changes[name](content) if name in changes else content)
    return output.getvalue()


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client


def test_the_same_workbook_with_a_plain_picture_imports(editor_client):
    preview = upload(editor_client, workbook_with_a_picture_on_a_chart_sheet(png()), "list.xlsx")

    assert preview.status_code == 200
    assert "1 to create" in preview.content.decode()


DAMAGED = {
    "a-picture-that-inflates-too-far": workbook_with_a_picture_on_a_chart_sheet(CRAFTED_PNG),
    "a-cut-short-sheet": rewritten(
        workbook_with_a_picture_on_a_chart_sheet(png()),
        {"xl/worksheets/sheet1.xml": lambda xml: xml[: len(xml) // 2]},
    ),
    "a-cut-short-workbook-part": rewritten(
        workbook_with_a_picture_on_a_chart_sheet(png()),
        {"xl/workbook.xml": lambda xml: xml[: len(xml) // 2]},
    ),
}


@pytest.mark.parametrize("kind", DAMAGED)
def test_a_crafted_or_damaged_workbook_is_a_form_error(editor_client, kind):
    response = upload(editor_client, DAMAGED[kind], "list.xlsx")

    assert response.status_code == 200
    assert "could not be read as an Excel workbook" in response.content.decode()
    assert not Signatory.objects.exists()
