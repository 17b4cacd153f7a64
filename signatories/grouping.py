"""Grouping the public list the way the statement prints it.

Plain functions over signatories already in display order, so they are tested without a
request or a database, and the block's rendering costs the one query that fetched the list.
Headings are ordered by their names in the language shown, and so are the jump links to them.
"""

from dataclasses import dataclass, field

from django.utils import translation

from .choices import Level, states_in_display_order


@dataclass
class SignatoryGroup:
    key: str
    label: str
    members: list = field(default_factory=list)

    @property
    def anchor(self):
        return "national" if self.key == Level.NATIONAL else f"state-{self.key.lower()}"


@dataclass(frozen=True)
class JumpLink:
    anchor: str
    label: str


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


def jump_links(groups):
    """A link to every heading of the list, National first, in the list's order: each state
    named in full, so a reader finds theirs without knowing which letters it falls under."""
    return [JumpLink(anchor=group.anchor, label=group.label) for group in groups]
