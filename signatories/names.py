"""Normalising organization names for sorting and duplicate detection."""

import re
import unicodedata

# Dashes, slashes and underscores separate words ("Latinos-CLILA", "SONG / Southerners").
_SEPARATORS = re.compile(r"[\s/_\-\u2010-\u2015\u2212]+")
_LEADING_THE = re.compile(r"^the\s+")


def name_key(name):
    """A key equal for names that differ only in case, accents, spacing, punctuation or "The".

    "The Praxis Project" and "praxis  project." share the key "praxis project", which both
    sorts the name under P and makes the two count as the same organization.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _SEPARATORS.sub(" ", without_marks.casefold())
    # Other punctuation is dropped, not spaced, so "P.E.A.C.E" matches "PEACE".
    kept = "".join(ch for ch in folded if ch == " " or unicodedata.category(ch)[0] in "LN")
    collapsed = " ".join(kept.split())
    return _LEADING_THE.sub("", collapsed)
