"""The signatory listing's search, straight from the database.

Wagtail's search index is updated by the task worker, so a signatory created a moment ago (or
while the worker is stopped) would not be found through it. The table itself answers at once:
a word of the query matches a word of the name (ignoring case, accents and punctuation, as
the list sorts names) or of the city by its beginning, or a state by its code or the beginning
of its name. Every word of the query must match.
"""

from django.db.models import Q

from ..choices import State
from ..names import name_key

# Shorter words would match a state for nearly any query ("i": Idaho, Illinois, Indiana...).
STATE_NAME_MIN_LETTERS = 3


def starts_a_word(field, prefix, ignore_case=False):
    i = "i" if ignore_case else ""
    return Q(**{f"{field}__{i}startswith": prefix}) | Q(**{f"{field}__{i}contains": f" {prefix}"})


def states_matching(word):
    folded = word.casefold()
    return [
        code
        for code, label in State.choices
        if folded == code.casefold()
        or (
            len(folded) >= STATE_NAME_MIN_LETTERS
            and any(part.startswith(folded) for part in str(label).casefold().split())
        )
    ]


def word_matches(word):
    condition = starts_a_word("city", word, ignore_case=True)
    key = name_key(word)
    if key:
        condition |= starts_a_word("sort_key", key)
    states = states_matching(word)
    if states:
        condition |= Q(state__in=states)
    return condition


def signatory_search(query):
    """A filter for the signatories ``query`` finds; every row for an empty query."""
    condition = Q()
    for word in query.split():
        condition &= word_matches(word)
    return condition
