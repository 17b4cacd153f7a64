"""Grouping the list in a given language, without a request: Spanish state names, their order
and the jump links to them."""

from django.utils import translation

from signatories.choices import Level, State, states_in_display_order
from signatories.grouping import group_signatories, jump_links
from signatories.models import Signatory


def built(state=None):
    if state is None:
        return Signatory(name="N", level=Level.NATIONAL, state="")
    return Signatory(name=state, level=Level.STATE, state=state)


def test_grouping_orders_and_labels_states_in_the_given_language():
    signatories = [built(), built("NM"), built("NY"), built("NC"), built("CA"), built("PA")]

    spanish = group_signatories(signatories, language="es")
    english = group_signatories(signatories, language="en")

    assert [g.label for g in spanish] == [
        "Nacional",
        "California",
        "Carolina del Norte",
        "Nueva York",
        "Nuevo México",
        "Pensilvania",
    ]
    assert [g.label for g in english] == [
        "National",
        "California",
        "New Mexico",
        "New York",
        "North Carolina",
        "Pennsylvania",
    ]
    # The jump links name each state in full in the page's language, in the same order.
    assert [(link.label, link.anchor) for link in jump_links(spanish)][:3] == [
        ("Nacional", "national"),
        ("California", "state-ca"),
        ("Carolina del Norte", "state-nc"),
    ]
    assert [link.label for link in jump_links(english)] == [g.label for g in english]
    assert [m.state for g in spanish for m in g.members] == ["", "CA", "NC", "NY", "NM", "PA"]


def test_english_display_order_is_the_declared_order():
    assert list(states_in_display_order("en")) == list(State)
    with translation.override("es"):
        spanish = [str(state.label) for state in states_in_display_order("es")]
    assert spanish.index("Carolina del Norte") < spanish.index("Colorado")
    assert spanish.index("Hawái") < spanish.index("Idaho")
