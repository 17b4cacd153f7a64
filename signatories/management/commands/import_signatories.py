"""manage.py import_signatories: add and update signatories from a CSV, XLSX or seed text file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from signatories.importing.job import import_rows
from signatories.importing.planning import plan_import
from signatories.importing.reading import ImportFileError, read_rows

IMPORT_PERMISSIONS = ("signatories.add_signatory", "signatories.publish_signatory")


class Command(BaseCommand):
    help = (
        "Import signatories from a .csv or .xlsx file (columns: name, state, and optionally "
        "level, city, website, note, published) or the seed-format .txt file. New names are "
        "added, the city, website and note of listed ones updated; nothing is deleted or "
        "unpublished. Prints what it did, row by row."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .csv, .xlsx or .txt file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change and write nothing."
        )
        parser.add_argument(
            "--user", help="Username recorded in each signatory's history as the importer."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, path, dry_run, user, no_progress, **options):
        importer = self.importing_user(user) if user else None
        try:
            rows = read_rows(path, Path(path).read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        if dry_run:
            plan = plan_import(rows)
        else:
            plan = import_rows(rows, user=importer, progress=self.progress_bar(no_progress))
        self.report(plan, dry_run)

    def importing_user(self, username):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        if not user.has_perms(IMPORT_PERMISSIONS):
            raise CommandError(f"{username} may not add and publish signatories.")
        return user

    def progress_bar(self, disabled):
        # tqdm turns itself off when stderr is no terminal (cron, CI, pipes): None means that.
        return lambda changes: tqdm(
            changes, desc="Importing", unit="row", disable=True if disabled else None
        )

    def report(self, plan, dry_run):
        counts = plan.counts()
        labels = (
            ("created", "Would create" if dry_run else "Created", plan.created),
            ("updated", "Would update" if dry_run else "Updated", plan.updated),
            ("unchanged", "Unchanged", plan.unchanged),
            ("skipped", "Skipped", plan.skipped),
        )
        for key, label, results in labels:
            numbers = row_ranges(result.number for result in results)
            self.stdout.write(f"{label}: {counts[key]}" + (f" (rows {numbers})" if numbers else ""))
        for result in plan.skipped:
            self.stdout.write(f"  row {result.number}: {result.reason}")
        for result in plan.updated:
            changed = ", ".join(
                f"{name} {old!r} -> {new!r}" for name, (old, new) in result.changes.items()
            )
            self.stdout.write(f"  row {result.number}: {result.name} ({result.group}): {changed}")
        for result in plan.results:
            for warning in result.warnings:
                self.stdout.write(self.style.WARNING(f"  row {result.number}: {warning}"))
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS("Import finished."))


def row_ranges(numbers):
    """Row numbers as short ranges: 2, 3, 4, 7 -> "2-4, 7"."""
    ranges = []
    for number in sorted(numbers):
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)
