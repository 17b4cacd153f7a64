"""Guessing which column holds which field from headings people write, and the command's
--map: a private column is never guessed as a public field, and nothing is dropped unsaid."""

import io

import pytest
from django.core.management import CommandError, call_command

from signatories.importing.mapping import guess_field, guess_mapping, parse_map_options
from signatories.models import Signatory

from ...admin_helpers import csv_bytes


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Organization name", "name"),
        ("ORGANIZATION  NAME", "name"),
        ("organization_name", "name"),
        ("Org", "name"),
        ("Organisation", "name"),
        ("Name of your organization (as it should appear)", "name"),
        ("Nombre de la organización", "name"),
        ("Website URL", "website"),
        ("Web site", "website"),
        ("Organization website", "website"),
        ("URL", "website"),
        ("State/Territory", "state"),
        ("State or territory", "state"),
        ("State code", "state"),
        ("City/Town", "city"),
        ("Public note", "note"),
        ("Level", "level"),
        ("Published", "published"),
        ("Live", "published"),
    ],
)
def test_a_heading_people_write_is_guessed_as_its_field(heading, field):
    assert guess_field(heading) == field


@pytest.mark.parametrize(
    "heading",
    [
        "Contact email",
        "Organization contact email",
        "Email address",
        "Timestamp",
        "Phone",
        "Contact person",
        "Comments",
        "How did you hear about us?",
        "",
    ],
)
def test_a_private_or_unknown_column_is_never_guessed_as_a_field(heading):
    assert guess_field(heading) == ""


def test_a_field_guessed_twice_goes_to_the_first_column_and_a_remembered_choice_wins():
    headings = ["Org", "Organization name", "Where", "Notes"]

    assert guess_mapping(headings) == ["name", "", "", "note"]
    remembered = {"organization name": "name", "where": "state", "notes": ""}
    assert guess_mapping(headings, remembered) == ["", "name", "state", ""]


def test_map_options_name_a_heading_of_the_file_and_a_field():
    headings = ["Org", "Where", "Contact email"]
    assert parse_map_options(["where=state", "Org = name", "Contact email=ignore"], headings) == {
        "where": "state",
        "org": "name",
        "contact email": "",
    }
    with pytest.raises(ValueError, match="the file has no column 'Nowhere'"):
        parse_map_options(["Nowhere=state"], headings)
    with pytest.raises(ValueError, match="FIELD one of name, level, state"):
        parse_map_options(["Where=region"], headings)
    with pytest.raises(ValueError, match="write HEADING=FIELD"):
        parse_map_options(["Where"], headings)


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "signups.csv"
    path.write_bytes(
        csv_bytes(
            [
                ["Timestamp", "Group", "Where", "Contact email"],
                ["2026-11-30 10:00", "Casa Latina", "Wash.", "maria@example.org"],
            ]
        )
    )
    return path


def run_command(*args):
    out = io.StringIO()
    call_command("import_signatories", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_command_takes_the_columns_from_map_and_prints_the_ignored_ones(sheet, db):
    output = run_command(sheet, "--map", "Where=state", "--no-progress")

    assert "Columns: Group -> name, Where -> state" in output
    assert "Ignored columns: Timestamp, Contact email" in output
    assert "Created: 1 (rows 2)" in output
    casa = Signatory.objects.get(name="Casa Latina")
    assert casa.state == "WA"
    assert "maria@example.org" not in (casa.note, casa.city, casa.website)


def test_the_command_refuses_a_file_whose_columns_it_cannot_tell(sheet, db):
    with pytest.raises(CommandError, match="holds the state") as refused:
        run_command(sheet, "--dry-run")
    assert '--map "HEADING=FIELD"' in str(refused.value)
    with pytest.raises(CommandError, match="no column 'Region'"):
        run_command(sheet, "--map", "Region=state")
    assert not Signatory.objects.exists()
