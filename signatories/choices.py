"""Choices for where a signatory works: national, or one US state or territory."""

import functools

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .names import name_key


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    STATE = "state", _("State")


class State(models.TextChoices):
    """USPS codes with full names: the 50 states, DC, Puerto Rico and the territories.

    Declared in alphabetical order of the full name, which is the public display order.
    """

    AL = "AL", _("Alabama")
    AK = "AK", _("Alaska")
    AS = "AS", _("American Samoa")
    AZ = "AZ", _("Arizona")
    AR = "AR", _("Arkansas")
    CA = "CA", _("California")
    CO = "CO", _("Colorado")
    CT = "CT", _("Connecticut")
    DE = "DE", _("Delaware")
    DC = "DC", _("District of Columbia")
    FL = "FL", _("Florida")
    GA = "GA", _("Georgia")
    GU = "GU", _("Guam")
    HI = "HI", _("Hawaii")
    ID = "ID", _("Idaho")
    IL = "IL", _("Illinois")
    IN = "IN", _("Indiana")
    IA = "IA", _("Iowa")
    KS = "KS", _("Kansas")
    KY = "KY", _("Kentucky")
    LA = "LA", _("Louisiana")
    ME = "ME", _("Maine")
    MD = "MD", _("Maryland")
    MA = "MA", _("Massachusetts")
    MI = "MI", _("Michigan")
    MN = "MN", _("Minnesota")
    MS = "MS", _("Mississippi")
    MO = "MO", _("Missouri")
    MT = "MT", _("Montana")
    NE = "NE", _("Nebraska")
    NV = "NV", _("Nevada")
    NH = "NH", _("New Hampshire")
    NJ = "NJ", _("New Jersey")
    NM = "NM", _("New Mexico")
    NY = "NY", _("New York")
    NC = "NC", _("North Carolina")
    ND = "ND", _("North Dakota")
    MP = "MP", _("Northern Mariana Islands")
    OH = "OH", _("Ohio")
    OK = "OK", _("Oklahoma")
    OR = "OR", _("Oregon")
    PA = "PA", _("Pennsylvania")
    PR = "PR", _("Puerto Rico")
    RI = "RI", _("Rhode Island")
    SC = "SC", _("South Carolina")
    SD = "SD", _("South Dakota")
    TN = "TN", _("Tennessee")
    TX = "TX", _("Texas")
    VI = "VI", _("U.S. Virgin Islands")
    UT = "UT", _("Utah")
    VT = "VT", _("Vermont")
    VA = "VA", _("Virginia")
    WA = "WA", _("Washington")
    WV = "WV", _("West Virginia")
    WI = "WI", _("Wisconsin")
    WY = "WY", _("Wyoming")


# Position of each state in display order; National (no state) sorts before all of them.
STATE_RANK = {code: rank for rank, code in enumerate(State.values, start=1)}
NATIONAL_RANK = 0

# Sentinel the join form uses for "National" in its single State select.
NATIONAL_CHOICE = "national"


def group_rank(level, state):
    """Sort position of a signatory's group: National first, then states by name."""
    if level == Level.NATIONAL:
        return NATIONAL_RANK
    return STATE_RANK[state]


def group_label(level, state):
    """What a listing is filed under: "National" or its state's full name, translated when
    shown. Not Django's get_state_display(), which hashes every translated choice on each
    call: a sweep of emails during a spike spent a quarter of its time there."""
    if level == Level.NATIONAL:
        return Level.NATIONAL.label
    try:
        return State(state).label
    except ValueError:
        return state  # an unknown code shows as itself, as Django's display would


def states_in_display_order(language=None):
    """The states sorted by their names in ``language`` (default: the active one), so that
    "Carolina del Norte" comes among the C's in Spanish and "North Carolina" among the N's."""
    return _states_sorted_in(language or translation.get_language())


# The translations are compiled into the process, so each language's order is computed once:
# every join form and every list heading asks for it.
@functools.cache
def _states_sorted_in(language):
    with translation.override(language):
        return tuple(sorted(State, key=lambda state: name_key(str(state.label))))


def state_choices():
    """National, then the states in the active language's order: for the public forms."""
    return _state_choices_in(translation.get_language())


# Built once per language, labels translated: every form submission validates against them.
@functools.cache
def _state_choices_in(language):
    with translation.override(language):
        return (
            (NATIONAL_CHOICE, str(Level.NATIONAL.label)),
            *((state.value, str(state.label)) for state in _states_sorted_in(language)),
        )


def state_by_name(name):
    """The State whose full English name is ``name`` (case-insensitive), or None."""
    wanted = name.strip().casefold()
    for state in State:
        if str(state.label).casefold() == wanted:
            return state
    return None
