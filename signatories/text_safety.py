"""Invisible and look-alike characters in organization names.

A name can be made to look like another one: a zero-width space or a right-to-left override
hides in it, or a Cyrillic "а" stands in for a Latin "a". Invisible characters are removed
before a name is validated or compared; look-alikes are kept (real names use many scripts)
but flagged for an editor. Used by the public forms and available to importers.

A flag is a dict ``{"code": ..., "reason": ...}``, the shape ``JoinRequest.review_flags`` holds.
"""

import functools
import unicodedata
from collections import Counter

from confusable_homoglyphs import categories, confusables
from django.utils.translation import gettext as _

INVISIBLE_REMOVED = "invisible_removed"
MIXED_SCRIPTS = "mixed_scripts"
LOOKALIKE = "lookalike"
STYLED_LETTERS = "styled_letters"

# Format characters (category Cf) that are visible signs, not layout controls: the Arabic,
# Syriac and Kaithi number and year marks. Every other Cf character is removed.
_VISIBLE_FORMAT = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)
# Invisible characters outside Cf: the combining grapheme joiner, Hangul fillers and the
# blank Braille pattern, all known from spoofed names.
_INVISIBLE_OTHER = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")
# Japanese and Korean mix these scripts within one word as a matter of course.
_EAST_ASIAN = frozenset({"HAN", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"})
_NOT_A_SCRIPT = frozenset({"COMMON", "INHERITED", "Unknown"})


def is_invisible(char):
    """True for a character that changes nothing a reader sees except by hiding or reordering."""
    if char in _INVISIBLE_OTHER:
        return True
    category = unicodedata.category(char)
    if category == "Cf":
        return char not in _VISIBLE_FORMAT
    # Control characters other than whitespace; whitespace is collapsed by the model instead.
    return category == "Cc" and not char.isspace()


def strip_invisible(text):
    """``text`` in NFC without invisible and bidi control characters: "Casa\u200bLatina" is
    "CasaLatina"."""
    return "".join(char for char in unicodedata.normalize("NFC", text) if not is_invisible(char))


def name_flags(raw_name):
    """Reasons for an editor to look closely at ``raw_name``, as review flags (maybe none)."""
    flags = []
    removed = _distinct(char for char in raw_name if is_invisible(char))
    if removed:
        flags.append(
            _flag(
                INVISIBLE_REMOVED,
                _("Invisible or text-direction characters were removed from the name: %(chars)s.")
                % {"chars": ", ".join(_describe(char) for char in removed)},
            )
        )
    name = strip_invisible(raw_name)
    has_latin = "LATIN" in _scripts(name)
    for word in _distinct(name.split()):
        flags.extend(_word_flags(word, has_latin))
    styled = _distinct(char for char in name if _is_styled_letter(char))
    if styled:
        flags.append(
            _flag(
                STYLED_LETTERS,
                _("The name uses styled look-alikes of plain letters or digits: %(chars)s.")
                % {"chars": ", ".join(_describe(char) for char in styled)},
            )
        )
    return flags


def _word_flags(word, name_has_latin):
    scripts = _scripts(word)
    if len(scripts) > 1:
        return [
            _flag(
                MIXED_SCRIPTS,
                _("The word “%(word)s” mixes %(scripts)s letters: %(chars)s.")
                % {
                    "word": word,
                    "scripts": _(" and ").join(sorted(s.title() for s in scripts)),
                    "chars": ", ".join(_describe(char) for char in _odd_letters_out(word)),
                },
            )
        ]
    lookalikes = _latin_lookalikes(word)
    letters = [char for char in word if char.isalpha()]
    # A non-Latin word is suspect beside Latin words ("Саsа Latina"), or on its own when every
    # letter in it could pass for a Latin one ("Саѕа").
    if lookalikes and (name_has_latin or len(lookalikes) == len(set(letters))):
        return [
            _flag(
                LOOKALIKE,
                _("The word “%(word)s” has letters that look like Latin ones: %(chars)s.")
                % {"word": word, "chars": ", ".join(_describe(char) for char in lookalikes)},
            )
        ]
    return []


def _scripts(text):
    """The scripts of the letters in ``text``, East Asian scripts counted as one."""
    scripts = {_script(char) for char in text if char.isalpha()} - _NOT_A_SCRIPT
    if len(scripts & _EAST_ASIAN) > 1:
        scripts = (scripts - _EAST_ASIAN) | {"HAN"}
    return scripts


# The library searches its Unicode table for each character; every form submission asks
# about the same few hundred letters again.
@functools.lru_cache(maxsize=4096)
def _script(char):
    return categories.alias(char)


def _odd_letters_out(word):
    """The letters of ``word`` not in its most used script: the ones an editor cannot see."""
    letters = [char for char in word if char.isalpha() and _scripts(char)]
    by_script = Counter(_scripts(char).pop() for char in letters)
    main_script = by_script.most_common(1)[0][0]
    return _distinct(char for char in letters if _scripts(char).pop() != main_script)


# Names share most of their words ("Coalition", "Alliance", "of"): each is looked up once.
@functools.lru_cache(maxsize=4096)
def _latin_lookalikes(word):
    """Letters of ``word`` from another script that can be mistaken for Latin letters."""
    found = confusables.is_confusable(word, greedy=True, preferred_aliases=["latin"]) or []
    return tuple(
        item["character"]
        for item in found
        if item["character"].isalpha() and not _is_styled_letter(item["character"])
    )


def _is_styled_letter(char):
    # Fullwidth, mathematical or Roman-numeral forms that read as a plain letter or digit.
    plain = unicodedata.normalize("NFKC", char)
    return plain != char and len(plain) == 1 and plain.isascii() and plain.isalnum()


def _distinct(chars):
    return list(dict.fromkeys(chars))


def _describe(char):
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if unicodedata.category(char) in ("Cf", "Cc") or char in _INVISIBLE_OTHER:
        return f"{code} {name}".strip()
    return f"“{char}” ({code} {name})".replace(" )", ")")


def _flag(code, reason):
    return {"code": code, "reason": reason}
