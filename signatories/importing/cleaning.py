"""Turning one row's cells into Signatory fields, with every problem found on the way.

A problem is ``Problem(column, value, message)``: the file's column heading, the value it
refused and a sentence for the editor. A row with any problem is not imported; all of its
problems are listed, not only the first.
"""

import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..choices import Level
from ..models import Signatory
from ..names import name_key
from ..spreadsheets import FORMULA_PREFIXES
from ..text_safety import strip_invisible
from .states import StateError, clean_state

TEXT_FIELDS = ("name", "city", "website", "note")
YES = {"yes", "y", "true", "1", "published", "live", "si", "sí"}
NO = {"no", "n", "false", "0", "draft", "unpublished"}
# What sign-up forms collect when someone leaves the name for later, as ``name_key``s.
PLACEHOLDER_NAMES = {
    "na",
    "n a",
    "none",
    "null",
    "nil",
    "nan",
    "test",
    "testing",
    "tbd",
    "tba",
    "unknown",
    "x",
    "xx",
    "xxx",
    "asdf",
    "name",
    "organization",
    "organization name",
    "ninguna",
    "ninguno",
}
# Schemes that make a link run or go somewhere other than a web page.
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:(?!\d)", re.IGNORECASE)
_WEB_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


class Problem(NamedTuple):
    column: str  # the file's heading for the cell ("" for the row as a whole)
    value: str  # the text that was refused, as the file has it
    message: str


def describe(problem):
    """A problem as one line, its column first; the value too unless the message names it
    (“Website: “www example” is not a web address”, not the value twice)."""
    column, value, message = problem
    if column and value and value not in message:
        return f"{column} “{value}”: {message}"
    if column:
        return f"{column}: {message}"
    return message


def clean_row(values, headings=None, is_listed=None):
    """``(fields, problems)`` for a row's cells by field name. ``fields`` holds the Signatory
    fields (name, city, website, note, level, state) and ``published``; it is None when there is
    any problem. ``headings`` maps a field to the file's heading for it, for the problems.

    A placeholder or formula-like name is refused unless ``is_listed(level, state, name)``
    says a signatory of that name is already listed there (an export imports back unchanged):
    the objection is to adding such a name, which an editor did already."""
    headings = headings or {}
    problems = []

    def problem(field, message):
        problems.append(Problem(headings.get(field, field), values.get(field, ""), message))

    cleaned = {
        name: " ".join(strip_invisible(values.get(name, "")).split()) for name in TEXT_FIELDS
    }
    for message in name_problems(cleaned["name"]):
        problem("name", message)
    objections = name_objections(cleaned["name"]) if not problems else []
    if cleaned["website"]:
        try:
            cleaned["website"] = normalise_website(cleaned["website"])
        except ValidationError as error:
            problem("website", error.message)
    for name, value in cleaned.items():
        max_length = Signatory._meta.get_field(name).max_length
        if len(value) > max_length:
            problem(
                name,
                _("The %(field)s is longer than %(max)d characters.")
                % {"field": name, "max": max_length},
            )
    try:
        cleaned["level"], cleaned["state"] = parse_group(
            values.get("level", ""), values.get("state", "")
        )
    except GroupError as error:
        problem(error.field, str(error))
    try:
        cleaned["published"] = parse_published(values.get("published", ""))
    except ValueError as error:
        problem("published", str(error))
    listed = not problems and is_listed and is_listed(*_group_and_name(cleaned))
    if objections and not listed:
        heading = headings.get("name", "name")
        problems[:0] = [Problem(heading, values.get("name", ""), text) for text in objections]
    return (None if problems else cleaned), problems


def _group_and_name(cleaned):
    return cleaned["level"], cleaned["state"], cleaned["name"]


def name_problems(name):
    """Why ``name`` (already stripped of invisible characters) cannot be a name at all."""
    if not name:
        return [_("The name is blank.")]
    if not name_key(name):
        return [_("The name has no letters or digits.")]
    return []


def name_objections(name):
    """Why ``name`` should not be added to the list: a placeholder, or formula-like."""
    found = []
    if name_key(name) in PLACEHOLDER_NAMES:
        found.append(_("“%(name)s” is a placeholder, not a name.") % {"name": name})
    if name.startswith(FORMULA_PREFIXES):
        found.append(
            _(
                "The name starts with “%(char)s”, which spreadsheets run as a formula: "
                "remove it if it is not part of the name."
            )
            % {"char": name[0]}
        )
    return found


def normalise_website(value):
    """An http(s) address for ``value``: "www.example.org" and "example.org/x" get "https://".
    Raises ValidationError naming the value when it is no web address."""
    refused = ValidationError(
        _("“%(value)s” is not a web address (http or https).") % {"value": value},
        code="invalid",
    )
    if any(char.isspace() for char in value):
        raise refused
    if not _WEB_SCHEME.match(value):
        if _OTHER_SCHEME.match(value):
            raise refused
        value = "https://" + value.removeprefix("//")
    host = re.sub(r"^https?://", "", value, flags=re.IGNORECASE).split("/")[0]
    if "." not in host:
        raise refused
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise refused from error
    return value


class GroupError(ValueError):
    """The level or state cell names no group; ``field`` says which cell."""

    def __init__(self, message, field="state"):
        super().__init__(message)
        self.field = field


def parse_group(level_text, state_text):
    """(level, state code) from a level cell and a state cell holding a USPS code, a state's
    name or abbreviation, or National or a synonym of it ("nationwide", "multi-state")."""
    level = level_text.strip().casefold()
    state = state_text.strip()
    if level not in ("", Level.NATIONAL, Level.STATE):
        raise GroupError(
            _("Unknown level “%(level)s”: use national or state.") % {"level": level_text},
            "level",
        )
    if not state:
        if level == Level.NATIONAL:
            return Level.NATIONAL, ""
        raise GroupError(_("The state is blank: give a state or National."))
    try:
        found_level, code = clean_state(state)
    except StateError as error:
        raise GroupError(str(error)) from error
    if found_level == Level.NATIONAL and level == Level.STATE:
        raise GroupError(_("The level is state but the state is National."))
    if found_level == Level.STATE and level == Level.NATIONAL:
        raise GroupError(_("A national organization has no state."))
    return found_level, code


def parse_published(text):
    # New signatories are published unless the file says otherwise.
    word = text.strip().casefold()
    if word in YES or not word:
        return True
    if word in NO:
        return False
    raise ValueError(_("Published must be yes or no, not “%(value)s”.") % {"value": text})
