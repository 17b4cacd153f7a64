"""The list's filter as the server applies it (``?q=`` without script): what matches, what
does not, and what a query too long or empty does."""

from django.test import RequestFactory

from signatories.grouping import group_signatories
from signatories.list_filter import MAX_QUERY_LENGTH, matching_groups, query_from

from .test_grouping import in_display_order, seed_signatories, signatory


def names(groups):
    return [member.name for group in groups for member in group.members]


def seed_groups():
    return group_signatories(in_display_order(seed_signatories()))


def test_every_word_must_appear_in_the_name_ignoring_case_and_accents():
    groups = group_signatories(
        in_display_order(
            [
                signatory("Acción Latina", "CA"),
                signatory("Latina Action Fund", "CA"),
                signatory("ACLU of Texas", "TX"),
                signatory("Texas Civil Rights Project", "TX"),
            ]
        )
    )
    assert names(matching_groups(groups, "accion")) == ["Acción Latina"]
    assert names(matching_groups(groups, "LATINA")) == ["Acción Latina", "Latina Action Fund"]
    # Words in any order, each somewhere in the name: not the phrase as typed.
    assert names(matching_groups(groups, "texas aclu")) == ["ACLU of Texas"]
    assert names(matching_groups(groups, "latina texas")) == []


def test_a_state_name_finds_the_organizations_listed_under_it():
    groups = seed_groups()
    found = matching_groups(groups, "new mexico")
    assert [group.label for group in found] == ["New Mexico"]
    new_mexico = next(group for group in groups if group.label == "New Mexico")
    assert names(found) == [member.name for member in new_mexico.members]
    # A state word narrows together with a name word: California's groups about immigrants,
    # "Immigrant" in their names whether or not "California" is.
    found = matching_groups(groups, "california immigrant")
    assert [group.label for group in found] == ["California"]
    assert "California Immigrant Policy Center" in names(found)
    assert "Coalition for Humane Immigrant Rights of Los Angeles (CHIRLA)" in names(found)
    assert all("immigrant" in name.lower() for name in names(found))


def test_punctuation_and_a_leading_the_do_not_stop_a_match():
    groups = group_signatories(
        in_display_order([signatory("The Praxis Project"), signatory("P.E.A.C.E. Network", "NY")])
    )
    assert names(matching_groups(groups, "the praxis")) == ["The Praxis Project"]
    assert names(matching_groups(groups, "peace")) == ["P.E.A.C.E. Network"]


def test_groups_without_a_match_are_left_out_and_the_original_is_untouched():
    groups = seed_groups()
    before = sum(len(group.members) for group in groups)
    found = matching_groups(groups, "Voces de la Frontera")
    assert [(group.label, names([group])) for group in found] == [
        ("Wisconsin", ["Voces de la Frontera"])
    ]
    assert sum(len(group.members) for group in groups) == before
    assert matching_groups(groups, "no such organization anywhere") == []


def test_an_empty_query_keeps_the_whole_list():
    groups = seed_groups()
    for query in ["", "   ", "!!!", "«»"]:
        assert names(matching_groups(groups, query)) == names(groups), repr(query)


def test_the_query_is_read_trimmed_and_cut_to_its_longest():
    get = RequestFactory().get
    assert query_from(None) == ""
    assert query_from(get("/")) == ""
    assert query_from(get("/", {"q": "  casa   latina "})) == "casa latina"
    assert query_from(get("/", {"q": "x" * 500})) == "x" * MAX_QUERY_LENGTH
