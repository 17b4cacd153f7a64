"""Grouping the public list the way the statement prints it.

Plain functions over signatories already in display order, so they are tested without a
request or a database, and the block's rendering costs the one query that fetched the list.
Headings are ordered by their names in the language shown, so the jump links match them.
"""

from dataclasses import dataclass, field

from django.utils import translation

from .choices import Level, states_in_display_order
from .names import name_key

# A jump link covers at most this many initial letters and, when it covers more than one,
# at most this many states: the balance the printed statement strikes (A, C, D-F, G-I, ...).
MAX_LETTERS_PER_RANGE = 2
MAX_STATES_PER_RANGE = 3


@dataclass
class SignatoryGroup:
    key: str
    label: str
    members: list = field(default_factory=list)

    @property
    def anchor(self):
        return "national" if self.key == Level.NATIONAL else f"state-{self.key.lower()}"


@dataclass(frozen=True)
class LetterRange:
    first: str
    last: str
    anchor: str

    @property
    def label(self):
        return self.first if self.first == self.last else f"{self.first}-{self.last}"


def group_signatories(signatories, language=None):
    """One group per heading: National first, then the states in ``language``'s order.

    ``signatories`` come in display order within each heading; the headings themselves are
    ordered (and labelled) by their names in ``language``, the active one by default.
    """
    language = language or translation.get_language()
    groups = {}
    for signatory in signatories:
        key = Level.NATIONAL.value if signatory.level == Level.NATIONAL else signatory.state
        groups.setdefault(key, []).append(signatory)
    with translation.override(language):
        ordered = [(Level.NATIONAL.value, Level.NATIONAL.label)]
        ordered += [(state.value, state.label) for state in states_in_display_order(language)]
        return [
            SignatoryGroup(key=key, label=str(label), members=groups[key])
            for key, label in ordered
            if key in groups
        ]


def letter_ranges(groups):
    """Jump links over the state groups by initial letter, e.g. A, C, D-F, G-I."""
    by_letter = []  # [(letter, [group, ...])] in order
    for group in groups:
        if group.key == Level.NATIONAL:
            continue
        # By the base letter, so a heading starting with "Á" is found under A.
        letter = name_key(group.label)[:1].upper()
        if by_letter and by_letter[-1][0] == letter:
            by_letter[-1][1].append(group)
        else:
            by_letter.append((letter, [group]))

    ranges, current = [], []
    for letter, letter_groups in by_letter:
        states = sum(len(groups_) for _, groups_ in current) + len(letter_groups)
        if current and len(current) < MAX_LETTERS_PER_RANGE and states <= MAX_STATES_PER_RANGE:
            current.append((letter, letter_groups))
            continue
        if current:
            ranges.append(_letter_range(current))
        current = [(letter, letter_groups)]
    if current:
        ranges.append(_letter_range(current))
    return ranges


def _letter_range(letters):
    return LetterRange(first=letters[0][0], last=letters[-1][0], anchor=letters[0][1][0].anchor)
