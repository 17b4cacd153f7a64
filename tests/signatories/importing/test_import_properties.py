"""Whatever a file holds, the import reads it or says why, and stores only clean text."""

import csv
import io
import string
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from signatories.importing.job import import_rows
from signatories.importing.planning import CREATE, SKIP, plan_import
from signatories.importing.reading import ImportFileError, read_rows
from signatories.models import Signatory

from ...admin_helpers import IMPORT_URL, csv_bytes, upload
from ...factories import UserFactory
from ...helpers import HOSTILE_TEXT as FORM_HOSTILE

# The join form's hostile strings, plus a bell and a cell longer than any field.
HOSTILE = [*FORM_HOSTILE, "\x07", "x" * 300]
cell = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=string.printable, max_size=30),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map("".join),
)
state_cell = st.one_of(st.sampled_from(["TX", "wa", "Texas", "National", "", "PR"]), cell)
website_cell = st.one_of(
    st.sampled_from(["", "https://ok.example.org", "javascript:alert(1)", "ftp://x.org"]), cell
)
row = st.fixed_dictionaries(
    {
        "name": st.one_of(st.sampled_from(["Casa Latina", "The Org"]), cell),
        "state": state_cell,
        "city": cell,
        "website": website_cell,
        "note": cell,
        "published": st.sampled_from(["", "yes", "no", "maybe"]),
    }
)
COLUMNS = ["name", "state", "city", "website", "note", "published"]

fast = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
with_database = settings(fast, max_examples=40)


def as_csv(rows):
    return csv_bytes([COLUMNS, *[[r[column] for column in COLUMNS] for r in rows]])


def is_clean(text):
    """One line of visible text: no control or invisible format characters."""
    return all(unicodedata.category(char) not in ("Cc", "Cf") for char in text)


@fast
@given(
    filename=st.sampled_from(["list.csv", "list.txt", "list.xlsx", "list.CSV", "list.exe"]),
    content=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=2000).map(lambda text: text.encode()),
        st.lists(row, max_size=8).map(as_csv),
    ),
)
@example(filename="list.csv", content=b'name,state\n"unterminated,TX\n')
@example(filename="list.xlsx", content=b"PK\x03\x04 not really a zip")
@example(filename="list.csv", content=b"\xff\xfe\x00n\x00a\x00m\x00e")
def test_any_file_is_read_or_refused_with_a_reason(filename, content):
    try:
        rows = read_rows(filename, content, max_rows=5000)
    except ImportFileError as error:
        assert str(error)
        return
    assert len(rows) <= 5000
    for source in rows:
        assert source.number >= 1
        assert all(isinstance(value, str) for value in source.values.values())


@with_database
@given(rows=st.lists(row, min_size=1, max_size=6))
@example(rows=[{"name": "Org\x00Null", "state": "TX", "city": "Aus\x07tin", "website": "",
                "note": "\u202egnp.exe", "published": ""}])  # fmt: skip
@pytest.mark.django_db
def test_every_row_is_created_clean_or_skipped_with_a_reason(rows):
    Signatory.objects.all().delete()
    plan = plan_import(read_rows("list.csv", as_csv(rows)))

    for result in plan:
        if result.action == SKIP:
            assert result.reason or result.unchanged
            continue
        assert result.action == CREATE
        values = result.values
        for name in ("name", "city", "note", "website"):
            assert is_clean(values[name]), (name, values[name])
            assert len(values[name]) <= Signatory._meta.get_field(name).max_length
        assert values["website"] == "" or values["website"].startswith(("http://", "https://"))

    import_rows(read_rows("list.csv", as_csv(rows)))
    assert Signatory.objects.count() == len(plan.created)


@with_database
@given(rows=st.lists(row, min_size=1, max_size=4))
@pytest.mark.django_db
def test_the_preview_escapes_whatever_the_file_says(client, rows):
    editor = UserFactory(groups=["Signatory editors"])
    client.force_login(editor)

    response = upload(client, as_csv(rows))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "onerror=alert(1)>" not in html
    assert client.get(IMPORT_URL).status_code == 200
    assert not Signatory.objects.exists()


def test_a_huge_csv_is_refused_before_it_is_planned():
    content = io.StringIO()
    writer = csv.writer(content)
    writer.writerow(["name", "state"])
    writer.writerows([f"Org {n}", "TX"] for n in range(5001))

    with pytest.raises(ImportFileError):
        read_rows("list.csv", content.getvalue().encode(), max_rows=5000)
