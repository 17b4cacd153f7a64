"""Reading the state cell of an import as people really type it.

"Calif.", "N.Y.", "Wash. State", "Washington DC" and "nationwide" all name a group; whatever
is left unrecognised gets a "did you mean" from the same table.
"""

import difflib
import functools
import re
import unicodedata

from django.utils import translation
from django.utils.translation import gettext as _

from ..choices import Level, State

NATIONAL = "national"

# Spellings that are neither a USPS code nor a full name: AP style abbreviations, older
# abbreviations and what sign-up forms collect. Dots, spaces, dashes and slashes are ignored
# when comparing, so "N.Y." is "ny" and "N. Carolina" is "ncarolina".
SYNONYMS = {
    NATIONAL: [
        "National",
        "Nationwide",
        "Multi-state",
        "Multistate",
        "Multiple states",
        "National/Multi-state",
        "National / Multistate",
        "USA",
        "United States",
        "U.S.",
        "Nacional",
    ],
    "AL": ["Ala."],
    "AK": [],
    "AZ": ["Ariz."],
    "AR": ["Ark."],
    "CA": ["Calif.", "Cal.", "Cali"],
    "CO": ["Colo.", "Col."],
    "CT": ["Conn."],
    "DE": ["Del."],
    "DC": ["D.C.", "Washington DC", "Washington, D.C.", "Wash. DC"],
    "FL": ["Fla.", "Flor."],
    "GA": ["Ga."],
    "HI": ["Hawai'i", "Hawaiʻi"],
    "IL": ["Ill."],
    "IN": ["Ind."],
    "KS": ["Kan.", "Kans."],
    "KY": ["Ky."],
    "LA": ["La."],
    "MD": ["Md."],
    "MA": ["Mass."],
    "MI": ["Mich."],
    "MN": ["Minn."],
    "MS": ["Miss."],
    "MO": ["Mo."],
    "MT": ["Mont."],
    "NE": ["Neb.", "Nebr."],
    "NV": ["Nev."],
    "NH": ["N.H.", "N. Hampshire"],
    "NJ": ["N.J.", "N. Jersey"],
    "NM": ["N.M.", "N. Mex.", "N. Mexico"],
    "NY": ["N.Y.", "NYS", "N. York"],
    "NC": ["N.C.", "N. Carolina", "No. Carolina"],
    "ND": ["N.D.", "N. Dak.", "N. Dakota"],
    "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."],
    "PA": ["Pa.", "Penn.", "Penna.", "Penn"],
    "PR": ["P.R."],
    "RI": ["R.I."],
    "SC": ["S.C.", "S. Carolina", "So. Carolina"],
    "SD": ["S.D.", "S. Dak.", "S. Dakota"],
    "TN": ["Tenn."],
    "TX": ["Tex."],
    "VT": ["Vt."],
    "VA": ["Va."],
    "VI": ["V.I.", "USVI", "Virgin Islands", "US Virgin Islands"],
    "WA": ["Wash.", "Wash. State", "Washington State", "WA State"],
    "WV": ["W.Va.", "W. Virginia", "West Va."],
    "WI": ["Wis.", "Wisc."],
    "WY": ["Wyo."],
    "GU": [],
    "AS": ["A.S."],
    "MP": ["CNMI", "N. Mariana Islands", "Mariana Islands"],
}
# A state name followed or preceded by these still names the state: "New York State".
_STATE_WORDS = re.compile(r"^(?:stateof|commonwealthof)|(?:state|commonwealth)$")


class StateError(ValueError):
    """A state cell that names no group; the message says so and may suggest one."""


def compact(text):
    """``text`` for comparison: lower case, without accents, dots, spaces, dashes, slashes or
    commas ("Nuevo México" is "nuevomexico")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\s.,/\\\-_'ʻ’()]+", "", plain)


@functools.cache
def _table():
    """Every known spelling (compacted) -> NATIONAL or a USPS code. The Spanish names count too:
    the campaign's sign-up form is bilingual."""
    table = {}

    def add(spelling, code):
        key = compact(spelling)
        if table.setdefault(key, code) != code:
            raise ValueError(f"{spelling!r} names both {table[key]} and {code}")

    for code, spellings in SYNONYMS.items():
        for spelling in spellings:
            add(spelling, code)
    for state in State:
        add(state.value, state.value)
        for language in ("en", "es"):
            with translation.override(language):
                add(str(state.label), state.value)
    return table


def clean_state(text):
    """(level, USPS code) for a state cell: ("national", "") for National and its synonyms,
    ("state", "CA") for "CA", "California", "Calif." or "Cali". Raises StateError naming the
    value, with the closest known spelling as a suggestion when there is one."""
    key = compact(text)
    table = _table()
    code = table.get(key) or table.get(_STATE_WORDS.sub("", key))
    if code == NATIONAL:
        return Level.NATIONAL, ""
    if code:
        return Level.STATE, code
    close = difflib.get_close_matches(key, table, n=1, cutoff=0.75) if len(key) > 2 else []
    if close:
        raise StateError(
            _("Unknown state “%(state)s”: did you mean %(suggestion)s?")
            % {"state": text, "suggestion": _label(table[close[0]])}
        )
    raise StateError(_("Unknown state “%(state)s”.") % {"state": text})


def _label(code):
    return str(Level.NATIONAL.label) if code == NATIONAL else str(State(code).label)
