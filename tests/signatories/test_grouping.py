"""Grouping the public list (National first, then states by name, names by sort key) and the
letter ranges of its jump links, as plain functions without a request."""

from signatories.choices import Level
from signatories.grouping import LetterRange, group_signatories, letter_ranges
from signatories.models import Signatory
from signatories.seed import read_seed

from .signatory_list import SEED_RANGES


def signatory(name, state="", note="", website=""):
    """An unsaved Signatory with its derived fields, as the database would return it."""
    level = Level.STATE if state else Level.NATIONAL
    obj = Signatory(name=name, level=level, state=state, note=note, website=website, live=True)
    obj.derive_fields()
    return obj


def in_display_order(signatories):
    """The order Signatory.Meta.ordering gives: group rank, then sort key."""
    return sorted(signatories, key=lambda s: (s.group_rank, s.sort_key))


def seed_signatories():
    return [signatory(e.name, e.state, e.note) for e in read_seed().signatories]


def states_only(*codes):
    return [signatory(f"Group in {code}", code) for code in codes]


def labels(ranges):
    return [r.label for r in ranges]


# --- group_signatories ---------------------------------------------------------------------------


def test_display_order_puts_national_first_then_states_by_name():
    people = [
        signatory("Iowa Group", "IA"),
        signatory("Illinois Group", "IL"),
        signatory("Indiana Group", "IN"),
        signatory("Florida Group", "FL"),
        signatory("DC Group", "DC"),
        signatory("Delaware Group", "DE"),
        signatory("Zeta National"),
        signatory("Alpha National"),
        signatory("Wyoming Group", "WY"),
        signatory("Alabama Group", "AL"),
    ]
    groups = group_signatories(in_display_order(people))
    assert [g.label for g in groups] == [
        "National",
        "Alabama",
        "Delaware",
        "District of Columbia",
        "Florida",
        "Illinois",
        "Indiana",
        "Iowa",
        "Wyoming",
    ]
    assert [g.key for g in groups] == ["national", "AL", "DE", "DC", "FL", "IL", "IN", "IA", "WY"]
    assert [g.anchor for g in groups][:4] == ["national", "state-al", "state-de", "state-dc"]
    assert [s.name for s in groups[0].members] == ["Alpha National", "Zeta National"]


def test_group_rank_follows_state_names_not_codes():
    ranks = {code: signatory("X", code).group_rank for code in ["IL", "IN", "IA", "DC", "FL"]}
    assert ranks["IL"] < ranks["IN"] < ranks["IA"]
    assert ranks["DC"] < ranks["FL"]
    assert signatory("X").group_rank == 0 < min(ranks.values())


def test_names_are_sorted_by_sort_key_within_a_group():
    people = [
        signatory("Transgender Law Center"),
        signatory("The Praxis Project"),
        signatory("PICO National Network"),
        signatory("American Friends Service Committee"),
        signatory("asian americans advancing justice"),
        signatory("Coalición de Lideres", "GA"),
        signatory("Cobb Immigrant Alliance", "GA"),
        signatory("Casa Latina", "GA"),
    ]
    groups = group_signatories(in_display_order(people))
    assert [s.name for s in groups[0].members] == [
        "American Friends Service Committee",
        "asian americans advancing justice",
        "PICO National Network",
        "The Praxis Project",
        "Transgender Law Center",
    ]
    assert [s.name for s in groups[1].members] == [
        "Casa Latina",
        "Coalición de Lideres",
        "Cobb Immigrant Alliance",
    ]


def test_every_seed_signatory_lands_in_exactly_one_group():
    groups = group_signatories(in_display_order(seed_signatories()))
    assert len(groups) == 32
    assert sum(len(g.members) for g in groups) == 156
    assert len({g.key for g in groups}) == len(groups)
    by_label = {g.label: len(g.members) for g in groups}
    assert by_label["National"] == 40
    assert by_label["California"] == 33
    assert by_label["Illinois"] == 7
    assert by_label["Iowa"] == 6
    labels_in_order = [g.label for g in groups]
    assert labels_in_order.index("Illinois") < labels_in_order.index("Iowa")
    assert labels_in_order.index("District of Columbia") < labels_in_order.index("Florida")


def test_no_signatories_no_groups():
    assert group_signatories([]) == []
    assert letter_ranges([]) == []


# --- letter_ranges -------------------------------------------------------------------------------


def test_seed_states_give_the_printed_letter_ranges():
    ranges = letter_ranges(group_signatories(in_display_order(seed_signatories())))
    assert labels(ranges) == SEED_RANGES
    assert [r.anchor for r in ranges] == [
        "state-ak",
        "state-ca",
        "state-dc",
        "state-ga",
        "state-ks",
        "state-md",
        "state-nj",
        "state-oh",
        "state-tn",
        "state-va",
    ]
    assert ranges[2] == LetterRange(first="D", last="F", anchor="state-dc")


def test_national_is_never_in_a_letter_range():
    ranges = letter_ranges(
        group_signatories(in_display_order(states_only("NY") + [signatory("N")]))
    )
    assert ranges == [LetterRange(first="N", last="N", anchor="state-ny")]


def test_adding_a_state_changes_the_ranges():
    seed = seed_signatories()
    with_hawaii = seed + [signatory("Hawaii Group", "HI")]
    ranges = letter_ranges(group_signatories(in_display_order(with_hawaii)))
    # G and H fill a range of two letters; I then pairs with K, and L stands alone.
    assert labels(ranges) == ["A", "C", "D-F", "G-H", "I-K", "L", "M", "N", "O-P", "T-U", "V-W"]
    assert ranges[3].anchor == "state-ga"
    assert ranges[4].anchor == "state-il"

    with_indiana = seed + [signatory("Indiana Group", "IN")]
    ranges = letter_ranges(group_signatories(in_display_order(with_indiana)))
    # Georgia, Illinois, Indiana and Iowa are too many states for one link.
    assert labels(ranges) == ["A", "C", "D-F", "G", "I", "K-L", "M", "N", "O-P", "T-U", "V-W"]
    assert ranges[4].anchor == "state-il"


def test_removing_states_changes_the_ranges():
    without = [s for s in seed_signatories() if s.state not in {"AZ", "CA"}]
    ranges = letter_ranges(group_signatories(in_display_order(without)))
    # Alaska, Colorado and Connecticut now fit in one link starting at Alaska.
    assert labels(ranges) == ["A-C", "D-F", "G-I", "K-L", "M", "N", "O-P", "T-U", "V-W"]
    assert ranges[0].anchor == "state-ak"

    only_west = letter_ranges(group_signatories(in_display_order(states_only("WA", "OR", "CA"))))
    # A range spans the letters present: C and O pair up, W follows.
    assert [(r.label, r.anchor) for r in only_west] == [("C-O", "state-ca"), ("W", "state-wa")]


def test_a_letter_with_many_states_stands_alone():
    codes = ["ME", "MD", "MA", "MI", "MN", "NE", "NV"]
    ranges = letter_ranges(group_signatories(in_display_order(states_only(*codes))))
    assert [(r.label, r.anchor) for r in ranges] == [("M", "state-me"), ("N", "state-ne")]
