"""The admin's column step: guesses shown for each column, ignored columns listed in the
preview, a choice that changes what is imported and is remembered for the editor's next file."""

import pytest

from signatories.models import ImportMapping, Signatory

from ...admin_helpers import IMPORT_URL, csv_bytes, upload
from ...factories import UserFactory

FORM_EXPORT = [
    ["Timestamp", "Organization name", "Contact email", "State/Territory", "Website URL"],
    ["2026-11-30 10:00", "Casa Latina", "maria@example.org", "Wash. State", "casalatina.org"],
]
UNCLEAR = [["Group", "Where", "Private notes"], ["Casa Latina", "WA", "call back Tuesday"]]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def choose(client, mapping):
    data = {f"column_{index}": field for index, field in enumerate(mapping)}
    return client.post(IMPORT_URL, {**data, "map": "1"})


def test_the_preview_shows_the_guessed_columns_and_lists_the_ignored_ones(editor_client):
    preview = upload(editor_client, csv_bytes(FORM_EXPORT))

    html = preview.content.decode()
    assert "Ignored columns: Timestamp, Contact email" in html
    form = preview.context["mapping_form"]
    assert [form[f"column_{i}"].initial for i in range(5)] == ["", "name", "", "state", "website"]
    assert "1 to create" in html
    [row] = preview.context["plan"].results
    assert row.values["website"] == "https://casalatina.org"
    assert row.values["state"] == "WA"
    assert "maria@example.org" not in str(row.values)


def test_columns_it_cannot_tell_are_asked_for_and_nothing_is_previewed(editor_client):
    response = upload(editor_client, csv_bytes(UNCLEAR))

    html = response.content.decode()
    assert "Preview: nothing has been imported yet" not in html
    assert response.context["plan"] is None
    assert "Ignored columns: Where, Private notes" in html
    assert "Choose the column that holds the state" in html
    # Nothing can be confirmed from a page that shows no preview.
    confirm = editor_client.post(IMPORT_URL, {"confirm": "None"}, follow=True)
    assert "no longer current" in confirm.content.decode()

    invalid = choose(editor_client, ["name", "name", ""])
    assert "Only one column can hold the Name." in invalid.content.decode()
    assert invalid.context["plan"] is None


def test_chosen_columns_are_imported_and_remembered_for_the_next_file(editor_client, editor):
    upload(editor_client, csv_bytes(UNCLEAR))

    preview = choose(editor_client, ["name", "state", ""])

    assert "1 to create" in preview.content.decode()
    assert "Ignored columns: Private notes" in preview.content.decode()
    editor_client.post(IMPORT_URL, {"confirm": preview.context["digest"]})
    casa = Signatory.objects.get(name="Casa Latina")
    assert casa.state == "WA"
    assert casa.note == ""
    assert ImportMapping.objects.get(user=editor).columns == {
        "group": "name",
        "where": "state",
        "private notes": "",
    }

    again = upload(
        editor_client, csv_bytes([["GROUP", "where", "Private notes"], ["Otra", "TX", ""]])
    )
    assert "1 to create" in again.content.decode()
    assert "Ignored columns: Private notes" in again.content.decode()


def test_one_editors_columns_are_not_another_editors(client, editor):
    ImportMapping.objects.create(user=editor, columns={"group": "name", "where": "state"})
    client.force_login(UserFactory(groups=["Signatory editors"]))

    response = upload(client, csv_bytes(UNCLEAR))

    assert response.context["plan"] is None


def test_a_windows_file_shows_the_notice_to_check_accents(editor_client):
    content = csv_bytes([["name", "state"], ["Asociación Niños", "NM"]]).decode().encode("cp1252")

    preview = upload(editor_client, content)

    html = preview.content.decode()
    assert "it was read as Windows-1252" in html
    assert "Asociación Niños" in html


def test_the_preview_lists_every_problem_of_a_row_with_its_column(editor_client):
    rows = [["Org", "State/Territory", "Website URL"], ["N/A", "Kalifornia", "javascript:alert(1)"]]

    html = upload(editor_client, csv_bytes(rows)).content.decode()

    assert "Org: “N/A” is a placeholder, not a name." in html
    assert "State/Territory: Unknown state “Kalifornia”: did you mean California?" in html
    assert "Website URL: “javascript:alert(1)” is not a web address (http or https)." in html
