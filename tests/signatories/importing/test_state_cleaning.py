"""The state cell as people type it: codes, names, AP and older abbreviations, National and its
synonyms; anything else is refused with the value and, when close, a suggestion."""

import pytest
from django.utils import translation

from signatories.choices import Level, State
from signatories.importing.states import StateError, clean_state

from .messy_rows import STATE_SPELLINGS

# Beyond the sign-up sheet's spellings (every one the issue names among them).
MORE_SPELLINGS = {
    "Penna.": "PA",
    "Wisc.": "WI",
    "P.R.": "PR",
    " ny ": "NY",
    "NORTH  CAROLINA": "NC",
    "Washington State": "WA",
    "Washington": "WA",
    "Nuevo Mexico": "NM",
    "Distrito de Columbia": "DC",
}
NATIONAL = ["NATIONAL", "National / Multistate", "Nationwide", "Multistate", "Nacional"]


@pytest.mark.parametrize(("typed", "code"), [*STATE_SPELLINGS.items(), *MORE_SPELLINGS.items()])
def test_a_state_spelling_people_type_names_its_group(typed, code):
    assert clean_state(typed) == ((Level.STATE, code) if code else (Level.NATIONAL, ""))


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
