"""Normalising organization names for sorting, duplicate detection and look-alikes."""

import functools
import re
import unicodedata

from confusable_homoglyphs import confusables

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


# Latin letters Unicode's confusables table leaves alone (they are Latin already) that read as
# a plain one, and ASCII that reads as a letter.
_LATIN_LOOKALIKES = {"ı": "i", "ĸ": "k", "ɑ": "a", "ɡ": "g", "ǀ": "l", "|": "l", "χ": "x"}
# Once case is ignored these cannot be told apart: "I" is "i", and looks like "l" and "1".
_SAME_SHAPE = str.maketrans({"i": "l", "1": "l", "0": "o"})


def name_skeleton(name):
    """A key equal for names a reader cannot tell apart, in the manner of Unicode TR39's
    skeleton: ``name_key`` after each character that looks like a Latin letter or digit is
    replaced by it. "Uni0n", "Civi1", "Cıvil" and a Cyrillic "Саsа" match "Union", "Civil" and
    "Casa"; names in other scripts keep their own letters.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    latin = "".join(_prototype(char) for char in decomposed)
    return name_key(latin).translate(_SAME_SHAPE)


@functools.lru_cache(maxsize=4096)
def _prototype(char):
    """The plain Latin letter or digit ``char`` passes for, or ``char`` itself."""
    if char in _LATIN_LOOKALIKES:
        return _LATIN_LOOKALIKES[char]
    if char.isascii():
        return char
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"]) or []
    for item in found:
        for homoglyph in item["homoglyphs"]:
            plain = unicodedata.normalize("NFKD", homoglyph["c"])
            if len(plain) == 1 and plain.isascii() and plain.isalnum():
                return plain
    return char
