"""Mapping rows to signatories: what an import would create, update or skip, and why."""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..choices import Level, State, group_label, state_by_name
from ..models import Signatory
from ..names import name_key, name_skeleton
from ..text_safety import name_flags, strip_invisible

# What an import may change on a listed signatory; its name and heading identify it.
UPDATABLE_FIELDS = ("city", "website", "note")
TEXT_FIELDS = ("name", "city", "website", "note")
YES = {"yes", "y", "true", "1", "published", "live"}
NO = {"no", "n", "false", "0", "draft", "unpublished"}


CREATE, UPDATE, SKIP = "create", "update", "skip"


class RowError(ValueError):
    """Why one row cannot be imported."""


@dataclass
class RowResult:
    """What importing one row does, and why when it does nothing."""

    number: int
    action: str
    name: str = ""
    group: str = ""
    reason: str = ""
    # Skipped because the listed signatory already says the same: not a problem to report.
    unchanged: bool = False
    changes: dict = field(default_factory=dict)  # field -> [old, new]
    warnings: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # the signatory's fields, for a create
    signatory_id: int | None = None


@dataclass
class ImportPlan:
    """What an import does: one RowResult per row, in the file's order."""

    results: list

    def __iter__(self):
        return iter(self.results)

    @property
    def created(self):
        return [result for result in self.results if result.action == CREATE]

    @property
    def updated(self):
        return [result for result in self.results if result.action == UPDATE]

    @property
    def unchanged(self):
        return [result for result in self.results if result.unchanged]

    @property
    def skipped(self):
        """Rows skipped for a reason worth fixing: every skip except unchanged ones."""
        return [r for r in self.results if r.action == SKIP and not r.unchanged]

    @property
    def changes(self):
        return [result for result in self.results if result.action != SKIP]

    def counts(self):
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
        }

    def digest(self):
        """A fingerprint of what this plan would do, to tell whether a later plan differs."""
        encoded = json.dumps([asdict(result) for result in self.results], sort_keys=True)
        return hashlib.sha256(encoded.encode()).hexdigest()


def plan_import(rows):
    """What importing ``rows`` would do, row by row; writes nothing."""
    fields = ["pk", "name", "level", "state", "sort_key", "skeleton", "live"]
    signatories = list(
        Signatory.objects.only(*fields, "has_unpublished_changes", *UPDATABLE_FIELDS)
    )
    existing = {(s.level, s.state, s.sort_key): s for s in signatories}
    lookalikes = Lookalikes({(s.level, s.state, s.skeleton): s for s in signatories})
    first_row_of = {}
    return ImportPlan([_plan_row(row, existing, first_row_of, lookalikes) for row in rows])


@dataclass
class Lookalikes:
    """Names that only look the same ("Uni0n", "Union") as a listed one or an earlier row's."""

    listed: dict  # (level, state, skeleton) -> Signatory
    rows: dict = field(default_factory=dict)  # (level, state, skeleton) -> (number, name key)

    def warnings(self, number, values):
        group = (values["level"], values["state"])
        key, skeleton = name_key(values["name"]), name_skeleton(values["name"])
        found = []
        signatory = self.listed.get((*group, skeleton))
        if signatory is not None and signatory.sort_key != key:
            found.append(
                _("The name looks like “%(name)s”, listed under %(group)s.")
                % {"name": signatory.name, "group": signatory.group_label}
            )
        earlier = self.rows.setdefault((*group, skeleton), (number, key, values["name"]))
        if earlier[1] != key:
            found.append(
                _("The name looks like row %(row)d (“%(name)s”).")
                % {"row": earlier[0], "name": earlier[2]}
            )
        return found


def _plan_row(row, existing, first_row_of, lookalikes):
    try:
        values = clean_values(row.values)
    except RowError as error:
        raw = row.values
        group = raw.get("state") or raw.get("level", "")
        return RowResult(row.number, SKIP, name=raw.get("name", ""), group=group, reason=str(error))
    result = RowResult(
        row.number,
        CREATE,
        name=values["name"],
        group=str(group_label(values["level"], values["state"])),
        warnings=[flag["reason"] for flag in name_flags(row.values.get("name", ""))],
    )
    result.warnings += lookalikes.warnings(row.number, values)
    key = (values["level"], values["state"], name_key(values["name"]))
    if key in first_row_of:
        return _skip(result, _("Duplicate of row %(row)d.") % {"row": first_row_of[key]})
    first_row_of[key] = row.number

    signatory = existing.get(key)
    if signatory is None:
        result.values = values
        return result
    result.signatory_id = signatory.pk
    # A blank cell leaves the listed value alone: clearing one is an editor's decision.
    result.changes = {
        name: [getattr(signatory, name), values[name]]
        for name in UPDATABLE_FIELDS
        if values[name] and values[name] != getattr(signatory, name)
    }
    if not result.changes:
        result.unchanged = True
        if not signatory.live:
            return _skip(result, _("Already there with these details, unpublished."))
        return _skip(result, _("Already listed with these details."))
    if signatory.live and signatory.has_unpublished_changes:
        return _skip(
            result,
            _("Has draft changes in the editor: publish or discard them, then import again."),
        )
    result.action = UPDATE
    return result


def _skip(result, reason):
    result.action, result.reason = SKIP, reason
    return result


def clean_values(values):
    """A row's cells as Signatory fields, or RowError saying what is wrong."""
    cleaned = {
        name: " ".join(strip_invisible(values.get(name, "")).split()) for name in TEXT_FIELDS
    }
    if not cleaned["name"]:
        raise RowError(_("The name is blank."))
    if not name_key(cleaned["name"]):
        raise RowError(_("The name has no letters or digits."))
    for name, value in cleaned.items():
        max_length = Signatory._meta.get_field(name).max_length
        if len(value) > max_length:
            raise RowError(
                _("The %(field)s is longer than %(max)d characters.")
                % {"field": name, "max": max_length}
            )
    if cleaned["website"] and not _is_web_address(cleaned["website"]):
        raise RowError(_("The website is not an http(s) address."))
    level, state = parse_group(values.get("level", ""), values.get("state", ""))
    return {
        **cleaned,
        "level": level,
        "state": state,
        "published": parse_published(values.get("published", "")),
    }


def parse_group(level_text, state_text):
    """(level, state code) from a level cell and a state cell holding a USPS code, a full
    state name or "National"."""
    level = level_text.strip().casefold()
    state = state_text.strip()
    if level not in ("", Level.NATIONAL, Level.STATE):
        raise RowError(
            _("Unknown level “%(level)s”: use national or state.") % {"level": level_text}
        )
    if state.casefold() == Level.NATIONAL or (level == Level.NATIONAL and not state):
        if level == Level.STATE:
            raise RowError(_("The level is state but the state is National."))
        return Level.NATIONAL, ""
    if level == Level.NATIONAL:
        raise RowError(_("A national organization has no state."))
    if not state:
        raise RowError(_("The state is blank: give a state or National."))
    found = State(state.upper()) if state.upper() in State.values else state_by_name(state)
    if found is None:
        raise RowError(_("Unknown state “%(state)s”.") % {"state": state})
    return Level.STATE, found.value


def parse_published(text):
    # New signatories are published unless the file says otherwise.
    word = text.strip().casefold()
    if word in YES or not word:
        return True
    if word in NO:
        return False
    raise RowError(_("Published must be yes or no, not “%(value)s”.") % {"value": text})


def _is_web_address(value):
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True
