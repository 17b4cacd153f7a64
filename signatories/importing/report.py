"""What an import did (or would do), as lines for a person reading a terminal."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from .job import user_can_import
from .mapping import ignored_headings

NOTE, WARNING, SUCCESS = "note", "warning", "success"


class ImportingUserError(LookupError):
    """No such user, or one who may not import: the message says which."""


def importing_user(username):
    """The user an import is recorded under, who must be allowed to add and publish."""
    users = get_user_model()
    try:
        user = users.objects.get_by_natural_key(username)
    except users.DoesNotExist as error:
        raise ImportingUserError(f"No user named {username!r}.") from error
    if not user_can_import(user):
        raise ImportingUserError(f"{username} may not add and publish signatories.")
    return user


@dataclass(frozen=True)
class ReportLine:
    text: str
    kind: str = NOTE


def column_lines(headings, mapping):
    """Which column the import reads for each field, and the ones it ignores."""
    used = [
        f"{heading} -> {field}" for heading, field in zip(headings, mapping, strict=True) if field
    ]
    yield ReportLine("Columns: " + ", ".join(used))
    ignored = ignored_headings(headings, mapping)
    yield ReportLine("Ignored columns: " + (", ".join(ignored) if ignored else "none"))


def report_lines(plan, dry_run):
    """The counts with their row numbers, then each skip, update and warning, row by row."""
    counts = plan.counts()
    labels = (
        ("created", "Would create" if dry_run else "Created", plan.created),
        ("updated", "Would update" if dry_run else "Updated", plan.updated),
        ("unchanged", "Unchanged", plan.unchanged),
        ("skipped", "Skipped", plan.skipped),
    )
    for key, label, results in labels:
        numbers = row_ranges(result.number for result in results)
        yield ReportLine(f"{label}: {counts[key]}" + (f" (rows {numbers})" if numbers else ""))
    for result in plan.skipped:
        for reason in result.reasons:
            yield ReportLine(f"  row {result.number}: {reason}")
    for result in plan.updated:
        changed = ", ".join(
            f"{name} {old!r} -> {new!r}" for name, (old, new) in result.changes.items()
        )
        yield ReportLine(f"  row {result.number}: {result.name} ({result.group}): {changed}")
    for result in plan.results:
        for warning in result.warnings:
            yield ReportLine(f"  row {result.number}: {warning}", WARNING)
    if dry_run:
        yield ReportLine("Dry run: nothing was written.")
    else:
        yield ReportLine("Import finished.", SUCCESS)


def row_ranges(numbers):
    """Row numbers as short ranges: 2, 3, 4, 7 -> "2-4, 7"."""
    ranges = []
    for number in sorted(numbers):
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)
