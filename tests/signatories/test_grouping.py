"""Grouping the public list (National first, then states by name, names by sort key) and its
jump links, as plain functions without a request."""

from signatories.choices import Level
from signatories.grouping import JumpLink, group_signatories, jump_links
from signatories.models import Signatory
from signatories.seed import read_seed


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


def test_no_signatories_no_groups_and_no_jump_links():
    assert group_signatories([]) == []
    assert jump_links([]) == []


# --- jump_links ----------------------------------------------------------------------------------


def test_seed_gives_a_jump_link_to_national_and_to_every_state_by_its_full_name():
    groups = group_signatories(in_display_order(seed_signatories()))
    links = jump_links(groups)
    assert len(links) == 32
    assert links[0] == JumpLink(anchor="national", label="National")
    assert links[1] == JumpLink(anchor="state-ak", label="Alaska")
    assert links[-1] == JumpLink(anchor="state-wi", label="Wisconsin")
    # One link per heading, in the list's order, each to that heading's section.
    assert [(link.anchor, link.label) for link in links] == [(g.anchor, g.label) for g in groups]
    assert "D-F" not in {link.label for link in links}


def test_jump_links_follow_the_states_present():
    links = jump_links(group_signatories(in_display_order(states_only("WA", "OR", "CA"))))
    # No National link without national signatories; no link to a state without any.
    assert [link.label for link in links] == ["California", "Oregon", "Washington"]

    with_national = states_only("NY") + [signatory("A National Group")]
    links = jump_links(group_signatories(in_display_order(with_national)))
    assert [link.anchor for link in links] == ["national", "state-ny"]
