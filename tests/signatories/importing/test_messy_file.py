"""The ~400-row sign-up sheet with every mess of the issue (``messy_rows``), as CSV and XLSX:
every row is created, updated, unchanged or listed with all of its reasons, and nothing an
editor would call junk is planned for the list."""

import pytest

from signatories.choices import Level, State
from signatories.importing.job import import_rows
from signatories.importing.mapping import guess_mapping, ignored_headings
from signatories.importing.planning import plan_import
from signatories.importing.reading import read_table
from signatories.models import Signatory

from ...admin_helpers import csv_bytes
from ...factories import SignatoryFactory
from .messy_rows import HEADINGS, IGNORED, LISTED, messy_sheet
from .workbook_files import xlsx_bytes

# What editors called junk in the sheets they were sent, written out here rather than taken
# from the code under test.
PLACEHOLDERS = {"n/a", "na", "none", "-", "test", "...", "—", "?!", ""}


@pytest.fixture
def listed_again(db):
    for name, state, city, website in LISTED:
        group = {"national": True} if not state else {"state": state}
        SignatoryFactory(name=name, city=city, website=website, **group)


def plan_of(filename, content):
    table = read_table(filename, content)
    mapping = guess_mapping(table.headings)
    assert ignored_headings(table.headings, mapping) == IGNORED
    return {result.number: result for result in plan_import(table.rows(mapping))}


def outcome(result):
    return "unchanged" if result.unchanged else result.action


def check_every_row(results, rows, expected):
    # Blank rows are no rows; every other row of the file has a result.
    assert sorted(results) == sorted(expected)
    for number, want in expected.items():
        result = results[number]
        assert outcome(result) == want.action, (number, rows[number - 1], result.reasons)
        if want.action == "skip":
            messages = [problem.message for problem in result.problems]
            assert len(messages) == len(want.problems), (number, messages)
            for text in want.problems:
                assert any(text in message for message in messages), (number, text, messages)
            for column, value, _message in result.problems:
                # Each problem names the file's column and the value as the file has it.
                assert rows[number - 1][HEADINGS.index(column)] == value
        if want.action == "create":
            assert result.values["state"] == want.state, (number, rows[number - 1])
            level = Level.STATE if want.state else Level.NATIONAL
            assert result.values["level"] == level
            assert result.values["website"] == want.website


def test_every_row_of_the_messy_csv_is_planned_as_expected_with_all_its_reasons(listed_again):
    rows, expected = messy_sheet()

    check_every_row(plan_of("signups.csv", csv_bytes(rows)), rows, expected)


def test_the_messy_sheet_as_xlsx_reads_a_formula_cell_as_its_saved_value(listed_again):
    rows, expected = messy_sheet()
    saved_name = rows[1][1]
    rows[1][1] = '=CONCATENATE("{}", "{}")'.format(*saved_name.split(" ", 1))

    results = plan_of("signups.xlsx", xlsx_bytes(rows, formulas={"B2": saved_name}))

    rows[1][1] = saved_name
    check_every_row(results, rows, expected)
    assert results[2].name == saved_name


def test_nothing_an_editor_would_call_junk_is_planned_for_the_list(listed_again):
    rows, _expected = messy_sheet()
    results = plan_of("signups.csv", csv_bytes(rows)).values()

    listed = [r.values for r in results if r.action == "create"]
    assert len(listed) > 350
    for values in listed:
        assert values["name"].casefold() not in PLACEHOLDERS
        assert not values["name"].startswith(("=", "+", "-", "@"))
        assert any(char.isalpha() for char in values["name"])
        assert values["website"] == "" or values["website"].startswith(("https://", "http://"))
        assert " " not in values["website"]
        assert values["state"] in State.values or values["level"] == Level.NATIONAL


@pytest.mark.slow
def test_importing_the_messy_sheet_lists_only_good_rows_and_a_second_run_changes_nothing(
    listed_again, editor
):
    rows, expected = messy_sheet()
    table = read_table("signups.csv", csv_bytes(rows))
    import_rows(table.rows(guess_mapping(table.headings)), user=editor)

    created = sum(1 for want in expected.values() if want.action == "create")
    assert Signatory.objects.count() == len(LISTED) + created
    assert not Signatory.objects.filter(name__in=["N/A", "NA", "none", "test", "-"]).exists()
    assert not Signatory.objects.filter(name__startswith="=").exists()
    assert Signatory.objects.get(name="Casa Latina").website == "https://www.casalatina.org"
    assert Signatory.objects.filter(name="Niños Primero", state="NM").exists()

    again = plan_import(table.rows(guess_mapping(table.headings)))
    assert again.counts()["created"] == again.counts()["updated"] == 0
