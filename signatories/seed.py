"""Reading the statement's seed file: its paragraphs and its grouped signatory list.

The file is the statement as it was printed: paragraphs, then "NATIONAL", then state names
each followed by the organizations there. Letter lines ("A", "D-F") and "California
Continued" are print layout and carry no data.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .choices import Level, state_by_name
from .models import Signatory
from .names import name_key

SEED_FILE = Path(__file__).resolve().parent / "data" / "statement.txt"

_NATIONAL_HEADING = "NATIONAL"
_LETTER_HEADING = re.compile(r"^[A-Z](?:\s*-\s*[A-Z])?$")
_CONTINUED = re.compile(r"^(?P<state>.+?)\s+Continued$", re.IGNORECASE)
_NOTE = re.compile(r"\s*\((?P<note>for identification purposes only)\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SeedSignatory:
    name: str
    level: str
    state: str
    note: str
    line: int


@dataclass(frozen=True)
class SeedStatement:
    paragraphs: list
    signatories: list


class SeedFormatError(ValueError):
    pass


def parse_statement(text):
    """Split the seed text into paragraphs and signatories, in the order they appear."""
    paragraphs, signatories = [], []
    group = None  # None until the list starts; then (level, state)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if not line:
            continue
        if line == _NATIONAL_HEADING:
            group = (Level.NATIONAL, "")
            continue
        if group is None:
            paragraphs.append(line)
            continue
        if _LETTER_HEADING.match(line):
            continue
        continued = _CONTINUED.match(line)
        state = state_by_name(continued.group("state") if continued else line)
        if state is not None:
            group = (Level.STATE, state.value)
            continue
        if continued:
            raise SeedFormatError(f"line {number}: {line!r} continues an unknown state")
        note_match = _NOTE.search(line)
        name = line[: note_match.start()] if note_match else line
        note = note_match.group("note") if note_match else ""
        signatories.append(SeedSignatory(name, group[0], group[1], note, number))
    if group is None:
        raise SeedFormatError(f"no {_NATIONAL_HEADING!r} heading: the signatory list is missing")
    return SeedStatement(paragraphs=paragraphs, signatories=signatories)


def read_seed(path=SEED_FILE):
    return parse_statement(Path(path).read_text(encoding="utf-8"))


def load_signatories(entries):
    """Create the signatories in ``entries`` that are not listed yet, published.

    Matching is by heading and normalized name, so a second run, or a run after editors
    corrected capitalisation, creates nothing. Returns (created, already_present).
    """
    existing = set(Signatory.objects.values_list("level", "state", "sort_key"))
    created = 0
    with transaction.atomic():
        for entry in entries:
            key = (entry.level, entry.state, name_key(entry.name))
            if key in existing:
                continue
            Signatory.objects.create(
                name=entry.name, level=entry.level, state=entry.state, note=entry.note, live=True
            )
            existing.add(key)
            created += 1
    return created, len(entries) - created
