"""Matching rows to signatories: what an import would create, update or skip, and why.

The plan's shape, which a stored import job may keep: ``ImportPlan.results`` holds one
``RowResult`` per row, in the file's order, with ``number`` (the row as the file numbers it),
``action`` (CREATE, UPDATE or SKIP), and for a skipped row ``problems``, a list of
``Problem(column, value, message)`` (the file's heading, the refused value as the file has
it, and why), every problem of the row, not only the first. ``asdict`` turns a result into
JSON-ready data (a problem becomes a 3-item list).
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from ..choices import group_label
from ..models import Signatory
from ..names import name_key, name_skeleton
from ..text_safety import name_flags
from .cleaning import Problem, clean_row, describe

# What an import may change on a listed signatory; its name and heading identify it.
UPDATABLE_FIELDS = ("city", "website", "note")

CREATE, UPDATE, SKIP = "create", "update", "skip"


@dataclass
class RowResult:
    """What importing one row does, and why when it does nothing."""

    number: int
    action: str
    name: str = ""
    group: str = ""
    problems: list = field(default_factory=list)  # of Problem: why the row is skipped
    # Skipped because the listed signatory already says the same: not a problem to report.
    unchanged: bool = False
    detail: str = ""  # what an unchanged row found, for the preview
    changes: dict = field(default_factory=dict)  # field -> [old, new]
    warnings: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # the signatory's fields, for a create
    signatory_id: int | None = None

    @property
    def reason(self):
        """Every problem's message (or an unchanged row's detail), as one line."""
        return " ".join(problem.message for problem in self.problems) or self.detail

    @property
    def reasons(self):
        """Each problem as a line naming its column and value."""
        return [describe(problem) for problem in self.problems]


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
    def is_listed(level, state, name):
        return (level, state, name_key(name)) in existing

    values, problems = clean_row(row.values, row.headings, is_listed)
    # A row restored from JSON (a stored job) holds its reading problems as plain lists.
    problems = [*(Problem(*problem) for problem in row.problems), *problems]
    if problems:
        raw = row.values
        group = raw.get("state") or raw.get("level", "")
        return RowResult(row.number, SKIP, name=raw.get("name", ""), group=group, problems=problems)
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
        duplicate = _("Duplicate of row %(row)d.") % {"row": first_row_of[key]}
        heading = row.headings.get("name", "name")
        return _skip(result, Problem(heading, row.values.get("name", ""), duplicate))
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
        result.action = SKIP
        if not signatory.live:
            result.detail = _("Already there with these details, unpublished.")
        else:
            result.detail = _("Already listed with these details.")
        return result
    if signatory.live and signatory.has_unpublished_changes:
        draft = _("Has draft changes in the editor: publish or discard them, then import again.")
        return _skip(result, Problem("", "", draft))
    result.action = UPDATE
    return result


def _skip(result, problem):
    result.action, result.problems = SKIP, [problem]
    return result
