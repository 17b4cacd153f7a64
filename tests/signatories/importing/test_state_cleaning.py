"""The state cell as people type it: codes, names, AP and older abbreviations, National and its
synonyms; anything else is refused with the value and, when close, a suggestion."""

import pytest
from django.utils import translation

from signatories.choices import Level, State
from signatories.importing.states import StateError, clean_state

SPELLINGS = {
    # Every spelling the issue names.
    "Calif.": "CA",
    "Cali": "CA",
    "D.C.": "DC",
    "Washington DC": "DC",
    "Washington, D.C.": "DC",
    "N. Carolina": "NC",
    "N.Y.": "NY",
    "Mass.": "MA",
    "Penn.": "PA",
    "Pa.": "PA",
    "Wash. State": "WA",
    "Wash.": "WA",
    # AP style and older abbreviations.
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Colo.": "CO",
    "Conn.": "CT",
    "Fla.": "FL",
    "Ill.": "IL",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.D.": "ND",
    "S.C.": "SC",
    "Okla.": "OK",
    "Ore.": "OR",
    "Penna.": "PA",
    "Tenn.": "TN",
    "Tex.": "TX",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wisc.": "WI",
    "Wyo.": "WY",
    "P.R.": "PR",
    # Codes in any case, names with odd spacing, a state's name with "State".
    "ca": "CA",
    " ny ": "NY",
    "NORTH  CAROLINA": "NC",
    "New York State": "NY",
    "Washington State": "WA",
    "Washington": "WA",
    "Hawaiʻi": "HI",
    # The Spanish names, with or without their accents.
    "Nuevo México": "NM",
    "Nuevo Mexico": "NM",
    "Carolina del Norte": "NC",
    "Distrito de Columbia": "DC",
}
NATIONAL = [
    "National",
    "national",
    "NATIONAL",
    "National/Multi-state",
    "National / Multistate",
    "nationwide",
    "Nationwide",
    "multi-state",
    "Multistate",
    "Nacional",
]


@pytest.mark.parametrize(("typed", "code"), SPELLINGS.items())
def test_a_state_spelling_people_type_names_its_state(typed, code):
    assert clean_state(typed) == (Level.STATE, code)


@pytest.mark.parametrize("typed", NATIONAL)
def test_national_and_its_synonyms_name_the_national_group(typed):
    assert clean_state(typed) == (Level.NATIONAL, "")


@pytest.mark.parametrize("state", list(State))
def test_every_state_is_found_by_its_code_and_its_names_in_both_languages(state):
    assert clean_state(state.value.lower()) == (Level.STATE, state.value)
    for language in ("en", "es"):
        with translation.override(language):
            name = str(state.label)
        assert clean_state(name) == (Level.STATE, state.value), name


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("Kalifornia", "California"),
        ("Texsa", "Texas"),
        ("Nort Carolina", "North Carolina"),
        ("Wahsington", "Washington"),
        ("Masachusets", "Massachusetts"),
        ("Natinal", "National"),
    ],
)
def test_a_misspelled_state_is_refused_with_a_suggestion(typed, suggestion):
    with pytest.raises(StateError) as refused:
        clean_state(typed)
    assert str(refused.value) == f"Unknown state “{typed}”: did you mean {suggestion}?"


@pytest.mark.parametrize("typed", ["Atlantis", "Ontario", "ZZ", "X", "12345"])
def test_a_state_nothing_resembles_is_refused_without_a_guess(typed):
    with pytest.raises(StateError) as refused:
        clean_state(typed)
    assert str(refused.value) == f"Unknown state “{typed}”."
