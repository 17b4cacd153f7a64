"""manage.py import_signatories: add and update signatories from a CSV, XLSX or seed text file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from signatories.importing.job import import_rows
from signatories.importing.planning import plan_import
from signatories.importing.reading import ImportFileError, read_rows
from signatories.importing.report import (
    SUCCESS,
    WARNING,
    ImportingUserError,
    importing_user,
    report_lines,
)


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
        try:
            importer = importing_user(user) if user else None
            rows = read_rows(path, Path(path).read_bytes())
        except ImportingUserError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        if dry_run:
            plan = plan_import(rows)
        else:
            plan = import_rows(rows, user=importer, progress=self.progress_bar(no_progress))
        styles = {WARNING: self.style.WARNING, SUCCESS: self.style.SUCCESS}
        for line in report_lines(plan, dry_run):
            self.stdout.write(styles.get(line.kind, str)(line.text))

    def progress_bar(self, disabled):
        # tqdm turns itself off when stderr is no terminal (cron, CI, pipes): None means that.
        return lambda changes: tqdm(
            changes, desc="Importing", unit="row", disable=True if disabled else None
        )
