"""Importing signatories from a spreadsheet (CSV, XLSX) or the statement's seed text file.

Three steps, each usable alone: ``read_rows`` turns a file into numbered rows of text;
``plan_import`` decides row by row what an import would do (create, update or skip, and
why) and writes nothing; ``import_rows`` plans again and writes the plan in one transaction.
Rows are matched to signatories by heading and normalised name, so importing the same file
twice changes nothing the second time.

Every change is saved as a revision and published under the importing user, as if an
editor had made it by hand, so each signatory's history shows the import. That costs a few
queries per changed row; unchanged rows cost nothing, and the command shows progress.
"""

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .choices import Level, State, group_label, state_by_name
from .models import Signatory
from .names import name_key
from .seed import SeedFormatError, parse_statement
from .spreadsheets import restore_formula_text
from .text_safety import name_flags, strip_invisible

EXTENSIONS = ("csv", "xlsx", "txt")
COLUMNS = ("name", "level", "state", "city", "website", "note", "published")
# Headings that mean one of COLUMNS, so a file exported from the listing imports back.
HEADER_ALIASES = {
    "organization": "name",
    "organization name": "name",
    "state code": "state",
    "public note": "note",
    "live": "published",
}
# What an import may change on a listed signatory; its name and heading identify it.
UPDATABLE_FIELDS = ("city", "website", "note")
TEXT_FIELDS = ("name", "city", "website", "note")
YES = {"yes", "y", "true", "1", "published", "live"}
NO = {"no", "n", "false", "0", "draft", "unpublished"}

CREATE, UPDATE, SKIP = "create", "update", "skip"


class ImportFileError(ValueError):
    """A file that cannot be read at all, with a message for the person importing it."""


class RowError(ValueError):
    """Why one row cannot be imported."""


class PlanChangedError(Exception):
    """The list changed between the preview and the confirmation: nothing was written."""

    def __init__(self, plan):
        super().__init__("the import plan changed since it was previewed")
        self.plan = plan


@dataclass(frozen=True)
class SourceRow:
    """One row of a file: its number as the file shows it (the header is row 1; in a seed
    text file, the line) and its cells by column, blank cells as ""."""

    number: int
    values: dict


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


# Reading


def read_rows(filename, content, max_rows=None):
    """The rows of an uploaded file, by its extension; raises ImportFileError."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    if extension == "txt":
        rows = _seed_rows(_decode(content))
    elif extension == "csv":
        rows = _table_rows(_csv_records(_decode(content)), max_rows)
    elif extension == "xlsx":
        rows = _table_rows(_xlsx_records(content), max_rows)
    else:
        raise ImportFileError(_("Choose a .csv, .xlsx or .txt file."))
    if max_rows is not None and len(rows) > max_rows:
        _too_many_rows(max_rows)
    return rows


def _too_many_rows(max_rows):
    raise ImportFileError(
        _("The file has more than %(max)d rows: import it with the command line.")
        % {"max": max_rows}
    )


def _decode(content):
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")
        ) from error


def _csv_records(text):
    # Spreadsheets in some languages separate cells with ";" or tabs: the header shows which.
    header = text.partition("\n")[0]
    delimiter = max(",;\t", key=header.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed: %(error)s") % {"error": error}
        ) from error


def _xlsx_records(content):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            for cells in workbook.worksheets[0].iter_rows(values_only=True):
                yield [_cell_text(cell) for cell in cells]
        finally:
            workbook.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError) as error:
        raise ImportFileError(_("The file could not be read as an Excel workbook.")) from error


def _cell_text(cell):
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _table_rows(records, max_rows):
    header = next(records, None)
    if header is None:
        raise ImportFileError(_("The file is empty."))
    columns = [_column(heading) for heading in header]
    if "name" not in columns or not {"state", "level"} & set(columns):
        raise ImportFileError(
            _(
                "The first row must name the columns, among them “name” and “state” (a state "
                "code, a state name or National). Found: %(found)s."
            )
            % {"found": ", ".join(str(heading) for heading in header if heading) or _("none")}
        )
    rows = []
    for number, cells in enumerate(records, start=2):
        # Counted as read, blank or not, so a sheet of a million empty rows stops early.
        if max_rows is not None and number - 1 > max_rows:
            _too_many_rows(max_rows)
        # Rows may be shorter or longer than the header: missing cells are blank.
        pairs = zip(columns, cells, strict=False)
        values = {column: restore_formula_text(cell.strip()) for column, cell in pairs if column}
        if not any(values.values()):
            continue  # Spreadsheets keep empty rows below the data.
        rows.append(SourceRow(number, values))
    return rows


def _column(heading):
    words = " ".join(str(heading or "").replace("_", " ").split()).casefold()
    column = HEADER_ALIASES.get(words, words)
    return column if column in COLUMNS else None


def _seed_rows(text):
    try:
        statement = parse_statement(text)
    except SeedFormatError as error:
        raise ImportFileError(_("The text file is not in the seed format: %s") % error) from error
    return [
        SourceRow(
            entry.line,
            {"name": entry.name, "level": entry.level, "state": entry.state, "note": entry.note},
        )
        for entry in statement.signatories
    ]


# Planning


def plan_import(rows):
    """What importing ``rows`` would do, row by row; writes nothing."""
    fields = ["pk", "level", "state", "sort_key", "live", "has_unpublished_changes"]
    existing = {
        (signatory.level, signatory.state, signatory.sort_key): signatory
        for signatory in Signatory.objects.only(*fields, *UPDATABLE_FIELDS)
    }
    first_row_of = {}
    return ImportPlan([_plan_row(row, existing, first_row_of) for row in rows])


def _plan_row(row, existing, first_row_of):
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


# Writing


def import_rows(rows, user=None, expected_digest=None, progress=None):
    """Plan ``rows`` again and write the plan in one transaction; returns the plan.

    With ``expected_digest`` (from the plan a person previewed), raises PlanChangedError
    and writes nothing if the plan is no longer the same. ``progress`` wraps the list of
    changes, e.g. in a progress bar.
    """
    with transaction.atomic():
        plan = plan_import(rows)
        if expected_digest is not None and plan.digest() != expected_digest:
            raise PlanChangedError(plan)
        changes = plan.changes
        for result in progress(changes) if progress else changes:
            if result.action == CREATE:
                _create(result.values, user)
            else:
                _update(result.signatory_id, result.changes, user)
    return plan


def _create(values, user):
    fields = {name: value for name, value in values.items() if name != "published"}
    signatory = Signatory(**fields, live=False)
    signatory.save()
    log(instance=signatory, action="wagtail.create", user=user)
    revision = signatory.save_revision(user=user)
    if values["published"]:
        revision.publish(user=user)


def _update(signatory_id, changes, user):
    signatory = Signatory.objects.get(pk=signatory_id)
    for name, (_old, new) in changes.items():
        setattr(signatory, name, new)
    if signatory.live:
        signatory.save_revision(user=user, log_action=True).publish(user=user)
    else:
        # An unpublished signatory (e.g. withdrawn) stays off the list: its record changes,
        # as when an editor saves a draft.
        signatory.save()
        signatory.save_revision(user=user, log_action=True)
