"""The seed statement file and its parser: six paragraphs, then 156 signatories under their
headings, with notes split off and line numbers that point into the file."""

from collections import Counter

import pytest

from signatories.choices import Level, State
from signatories.seed import SEED_FILE, SeedFormatError, parse_statement

from .seeding import NOTE


def state_counts(signatories):
    return Counter(entry.state or "NATIONAL" for entry in signatories)


def test_seed_has_six_paragraphs_before_the_list(seed):
    assert len(seed.paragraphs) == 6
    assert seed.paragraphs[0].startswith("Our organizations stand behind the hundreds")
    assert seed.paragraphs[5].startswith("Visit our Take Action page for more info")
    assert "Click here to join" in seed.paragraphs[5]
    assert all("NATIONAL" not in paragraph for paragraph in seed.paragraphs)


def test_seed_lists_156_signatories_40_of_them_national(seed):
    assert len(seed.signatories) == 156
    national = [entry for entry in seed.signatories if entry.level == Level.NATIONAL]
    assert len(national) == 40
    assert all(entry.state == "" for entry in national)
    assert national[0].name == "American Civil Liberties Union"
    assert national[-1].name == "We Belong Together"
    assert all(entry.state for entry in seed.signatories if entry.level == Level.STATE)


def test_california_includes_the_names_after_california_continued(seed):
    california = [entry.name for entry in seed.signatories if entry.state == State.CA]
    assert len(california) == 33
    assert california[0] == "Advancing Justice – Asian Law Caucus"
    assert "Fresno Immigrant Youth in Action" in california
    # After the "California Continued" line: still California.
    assert "Immigrant Justice Team Emerson UU Church" in california
    assert california[-1] == "Transforming Immigrant Communities through Education (TICE)"


def test_per_state_counts_match_the_file(seed):
    counts = state_counts(seed.signatories)
    expected = {
        "NATIONAL": 40,
        "AK": 1,
        "AZ": 2,
        "CA": 33,
        "CO": 3,
        "CT": 1,
        "DC": 1,
        "FL": 5,
        "GA": 6,
        "IL": 7,
        "IA": 6,
        "KS": 2,
        "LA": 1,
        "MD": 2,
        "MA": 2,
        "MI": 1,
        "MN": 3,
        "MS": 1,
        "MO": 1,
        "NJ": 1,
        "NM": 4,
        "NY": 9,
        "NC": 3,
        "OH": 1,
        "OR": 2,
        "PA": 2,
        "TN": 1,
        "TX": 6,
        "UT": 1,
        "VA": 2,
        "WA": 5,
        "WI": 1,
    }
    assert dict(counts) == expected
    assert sum(expected.values()) == 156


def test_a_few_groups_by_name(seed):
    def names(state):
        return [entry.name for entry in seed.signatories if entry.state == state]

    assert names("WI") == ["Voces de la Frontera"]
    assert names("GA") == [
        "Coalición de Lideres Latinos-CLILA",
        "Georgia Detention Watch",
        "Georgia Latino Alliance for Human Rights",
        "GaNot1More Coalition",
        "Southeast Immigrant Rights Network",
        "SONG / Southerners On New Ground",
    ]
    assert names("DC") == ["CAIR Coalition"]
    assert "P.E.A.C.E" in names("IL")


def test_letter_lines_and_continued_never_become_names(seed):
    names = {entry.name for entry in seed.signatories}
    for layout in ["A", "C", "D-F", "G-I", "K-L", "M", "N", "O-P", "T-U", "V-W"]:
        assert layout not in names
    assert "California Continued" not in names
    assert "NATIONAL" not in names
    # State headings are headings, not organizations.
    assert not names & {"California", "Alaska", "Wisconsin", "District of Columbia"}


def test_identification_note_is_split_off_the_name(seed):
    with_note = [entry for entry in seed.signatories if entry.note]
    assert [(entry.name, entry.state, entry.note) for entry in with_note] == [
        ("Stanford Law School Immigrants’ Rights Clinic", "CA", NOTE),
        ("Criminal/Immigration Defense Clinic at Colorado Law", "CO", NOTE),
    ]
    assert not any("(" + NOTE in entry.name for entry in seed.signatories)


def test_line_numbers_point_into_the_file(seed):
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    for entry in seed.signatories:
        assert lines[entry.line - 1].startswith(entry.name)


def test_parse_statement_small_example():
    parsed = parse_statement(
        "First paragraph.\n\n  Second   paragraph.\nNATIONAL\nThe Praxis Project\nA\n"
        "Alaska\nAlaska Institute for Justice\nAlaska Continued\nSecond Alaskan Group\n"
        "D-F\nDistrict of Columbia\nCAIR Coalition (for identification purposes only)\n"
    )
    assert parsed.paragraphs == ["First paragraph.", "Second paragraph."]
    assert [(s.name, s.level, s.state, s.note) for s in parsed.signatories] == [
        ("The Praxis Project", Level.NATIONAL, "", ""),
        ("Alaska Institute for Justice", Level.STATE, "AK", ""),
        ("Second Alaskan Group", Level.STATE, "AK", ""),
        ("CAIR Coalition", Level.STATE, "DC", NOTE),
    ]


def test_missing_national_heading_is_a_format_error():
    with pytest.raises(SeedFormatError, match="NATIONAL"):
        parse_statement("Only a paragraph.\nAlaska\nAlaska Institute for Justice\n")


def test_continued_unknown_state_is_a_format_error():
    with pytest.raises(SeedFormatError, match="Atlantis Continued"):
        parse_statement("Text.\nNATIONAL\nSome Group\nAtlantis Continued\nOther Group\n")
