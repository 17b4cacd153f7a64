"""manage.py import_signatories: add and update signatories from a CSV, XLSX or seed text file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from signatories.importing.job import import_rows
from signatories.importing.mapping import guess_mapping, mapping_errors, parse_map_options
from signatories.importing.planning import plan_import
from signatories.importing.reading import read_table
from signatories.importing.report import (
    SUCCESS,
    WARNING,
    ImportingUserError,
    column_lines,
    importing_user,
    report_lines,
)


class Command(BaseCommand):
    help = (
        "Import signatories from a .csv or .xlsx file (columns guessed from the headings: name, "
        "state, and optionally level, city, website, note, published; --map to choose) or the "
        "seed-format .txt file. New names are added, the city, website and note of listed ones "
        "updated; nothing is deleted or unpublished. Prints what it did, row by row."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .csv, .xlsx or .txt file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change and write nothing."
        )
        parser.add_argument(
            "--user", help="Username recorded in each signatory's history as the importer."
        )
        parser.add_argument(
            "--map",
            dest="columns",
            action="append",
            default=[],
            metavar="HEADING=FIELD",
            help=(
                'The field a column holds, e.g. --map "Org=name" --map "Contact email=ignore"; '
                "repeat for each column to choose. Other columns are guessed from their headings."
            ),
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, path, dry_run, user, columns, no_progress, **options):
        try:
            importer = importing_user(user) if user else None
            table = read_table(path, Path(path).read_bytes())
            mapping = guess_mapping(table.headings, parse_map_options(columns, table.headings))
        except ImportingUserError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except ValueError as error:  # ImportFileError, or a --map the file cannot take
            raise CommandError(str(error)) from error
        if table.notice:
            self.stdout.write(self.style.WARNING(table.notice))
        for line in column_lines(table.headings, mapping):
            self.stdout.write(line.text)
        errors = mapping_errors(mapping)
        if errors:
            raise CommandError(" ".join(errors) + ' Name the columns with --map "HEADING=FIELD".')

        rows = table.rows(mapping)
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
