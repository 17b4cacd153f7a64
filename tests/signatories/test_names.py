"""signatories.names.name_key: one key for names that differ only in presentation."""

import pytest

from signatories.names import name_key, name_skeleton


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Casa Latina", "casa latina"),
        ("CASA LATINA", "casa latina"),
        ("casa latina", "casa latina"),
        ("Coalición", "coalicion"),
        ("Unidad Latina en Acción", "unidad latina en accion"),
        ("The Praxis Project", "praxis project"),
        ("P.E.A.C.E", "peace"),
        ("L.U.N.A.", "luna"),
        ("Latinos-CLILA", "latinos clila"),
        ("SONG / Southerners On New Ground", "song southerners on new ground"),
        ("Central American Resource Center-LA", "central american resource center la"),
        ("Advancing Justice – Asian Law Caucus", "advancing justice asian law caucus"),
        ("Jobs with Justice — Portland", "jobs with justice portland"),
        ("snake_case_name", "snake case name"),
        ("  Casa \t  Latina \n ", "casa latina"),
        ("Lawyers’ Committee", "lawyers committee"),
        ("Theater Group", "theater group"),
        ("Not1More", "not1more"),
    ],
)
def test_name_key_values(name, expected):
    assert name_key(name) == expected


def test_case_is_ignored():
    assert name_key("Casa Latina") == name_key("CASA latina") == name_key("casa LATINA")


def test_accents_are_ignored():
    assert name_key("Coalición") == name_key("coalicion") == "coalicion"
    assert name_key("Comité VIDA") == name_key("Comite VIDA")
    # Composed and decomposed forms of the same letter count the same.
    assert name_key("Coalici\u00f3n") == name_key("Coalicio\u0301n")


def test_leading_the_is_ignored_so_the_name_sorts_under_its_first_real_word():
    assert name_key("The Praxis Project") == "praxis project"
    assert name_key("The Praxis Project") == name_key("praxis  project.")
    assert name_key("the praxis project") == name_key("THE Praxis Project")
    ordered = sorted(["Southern Poverty Law Center", "The Praxis Project", "PICO"], key=name_key)
    assert ordered == ["PICO", "The Praxis Project", "Southern Poverty Law Center"]
    # Sorted under P, not under T.
    assert name_key("The Praxis Project") < name_key("Transgender Law Center")
    assert name_key("The Praxis Project") > name_key("PICO National Network")


def test_only_a_leading_the_is_dropped():
    assert name_key("Friends of the Earth") == "friends of the earth"
    assert name_key("The The Band") == "the band"


def test_the_inside_a_word_is_kept():
    assert name_key("Theater Group") == "theater group"
    assert name_key("Theater Group") != name_key("ater Group")
    assert name_key("Theology Circle").startswith("theology")


def test_punctuation_is_dropped_not_spaced():
    assert name_key("P.E.A.C.E") == name_key("PEACE") == "peace"
    assert name_key("WeCount!") == "wecount"
    assert name_key("Reedley Social Services. Inc.") == "reedley social services inc"
    assert name_key("Asian American Legal Defense (AALDEF)") == (
        "asian american legal defense aaldef"
    )


def test_dashes_and_slashes_separate_words():
    assert name_key("Latinos-CLILA") == name_key("Latinos CLILA")
    assert name_key("SONG / Southerners") == name_key("SONG Southerners")
    assert name_key("SONG/Southerners") == "song southerners"
    assert name_key("Criminal/Immigration Defense") == "criminal immigration defense"
    assert name_key("A–B") == name_key("A—B") == name_key("A-B") == "a b"


def test_whitespace_is_collapsed_and_trimmed():
    assert name_key("  Casa   Latina  ") == "casa latina"
    assert name_key("Casa\tLatina\n") == "casa latina"
    assert name_key("Casa\u00a0Latina") == "casa latina"


def test_different_names_keep_different_keys():
    assert name_key("Casa Latina") != name_key("Casa Latino")
    assert name_key("National Lawyers Guild") != name_key("National Lawyers Guild St Louis")


def test_name_without_letters_or_digits_has_an_empty_key():
    assert name_key("...") == ""
    assert name_key(" - / ") == ""


@pytest.mark.parametrize(
    ("lookalike", "name"),
    [
        ("Uni0n", "Union"),
        ("Civi1", "Civil"),
        ("Cıvil", "Civil"),
        ("CIVIL", "Civil"),
        ("lnstitute", "Institute"),
        ("Civi|", "Civil"),
        ("Саsа Lаtinа", "Casa Latina"),  # Cyrillic а, с
        ("ΑΒC Οrg", "ABC Org"),  # Greek capitals
        ("Ｃｉｖｉｌ", "Civil"),  # fullwidth
        ("The Uni0n.", "union"),
    ],
)
def test_lookalikes_share_the_skeleton(lookalike, name):
    assert name_skeleton(lookalike) == name_skeleton(name)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Union", "Unity"),
        ("Casa Latina", "Casa Latino"),
        ("Civil", "Civic"),
        ("Not1More", "Not More"),
    ],
)
def test_different_names_keep_different_skeletons(one, other):
    assert name_skeleton(one) != name_skeleton(other)


def test_names_in_other_scripts_keep_a_skeleton():
    assert name_skeleton("Союз") and name_skeleton("東京") == name_key("東京")
