"""manage.py import_signatories: add and update signatories from a CSV, XLSX or seed text file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from tqdm import tqdm

from signatories.importing import job as jobs
from signatories.importing import tasks
from signatories.importing.mapping import guess_mapping, mapping_errors, parse_map_options
from signatories.importing.planning import plan_import
from signatories.importing.reading import read_table
from signatories.importing.report import (
    SUCCESS,
    WARNING,
    ImportingUserError,
    ReportLine,
    column_lines,
    importing_user,
    report_lines,
)
from signatories.models import ImportJob


class Command(BaseCommand):
    help = (
        "Import signatories from a .csv or .xlsx file (columns guessed from the headings: name, "
        "state, and optionally level, city, website, note, published; --map to choose) or the "
        "seed-format .txt file. New names are added, the city, website and note of listed ones "
        "updated; nothing is deleted or unpublished. Writes through an import job, in batches, "
        "as the admin's import does; a job that stopped can be resumed or rolled back. Prints "
        "what it did, row by row."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="The .csv, .xlsx or .txt file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change and write nothing."
        )
        parser.add_argument(
            "--drafts",
            action="store_true",
            help="Save every change as a draft revision for editors to review; publish nothing.",
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
        parser.add_argument(
            "--background",
            action="store_true",
            help="Hand the import to the task worker and return; follow it in the admin.",
        )
        parser.add_argument(
            "--resume", type=int, metavar="JOB", help="Write the rows a stopped import left."
        )
        parser.add_argument(
            "--roll-back", type=int, metavar="JOB", help="Undo everything an import wrote."
        )

    def handle(self, *args, path, dry_run, drafts, user, columns, no_progress, **options):
        try:
            importer = importing_user(user) if user else None
        except ImportingUserError as error:
            raise CommandError(str(error)) from error
        self.no_progress = no_progress
        if options["resume"] or options["roll_back"]:
            return self.continue_job(options["resume"], options["roll_back"], importer)
        if not path:
            raise CommandError("Give the file to import, or --resume or --roll-back a job.")
        try:
            table = read_table(path, Path(path).read_bytes())
            mapping = guess_mapping(table.headings, parse_map_options(columns, table.headings))
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

        plan = plan_import(table.rows(mapping))
        if not dry_run:
            mode = ImportJob.Mode.DRAFTS if drafts else ImportJob.Mode.PUBLISHED
            job = jobs.create_job(plan, filename=Path(path).name, user=importer, mode=mode)
            if options["background"]:
                tasks.start(job)
                url = reverse("signatories_import_job", args=[job.pk])
                self.stdout.write(f"Import {job.pk} queued for the task worker: {url}")
                return
            job = jobs.run_job(job.pk, self.progress_bar(len(job.rows), "Importing"))
        styles = {WARNING: self.style.WARNING, SUCCESS: self.style.SUCCESS}
        lines = report_lines(plan, dry_run)
        if not dry_run:
            # The job's own result replaces the plan's closing line.
            lines = [*list(lines)[:-1], *job_lines(job)]
        for line in lines:
            self.stdout.write(styles.get(line.kind, str)(line.text))
        if not dry_run and job.status == ImportJob.Status.FAILED:
            raise CommandError(f"Import {job.pk} stopped: {job.error}")

    def continue_job(self, resume_id, roll_back_id, importer):
        job = ImportJob.objects.filter(pk=resume_id or roll_back_id).first()
        if job is None:
            raise CommandError(f"No import {resume_id or roll_back_id}.")
        if resume_id:
            if not job.can_resume:
                raise CommandError(f"Import {job.pk} is {job.current_status.label}: no resuming.")
            jobs.prepare_resume(job)
            resuming = self.progress_bar(len(job.rows), "Resuming", initial=job.done_count)
            job = jobs.run_job(job.pk, resuming)
        else:
            if not job.can_roll_back:
                raise CommandError(f"Import {job.pk} is {job.current_status.label}: not now.")
            jobs.prepare_rollback(job, importer)
            job = jobs.roll_back_job(job.pk, self.progress_bar(job.done_count, "Rolling back"))
        for line in job_lines(job):
            self.stdout.write(line.text)
        if job.status == ImportJob.Status.FAILED:
            raise CommandError(f"Import {job.pk} stopped: {job.error}")

    def progress_bar(self, total, label, initial=0):
        # tqdm turns itself off when stderr is no terminal (cron, CI, pipes): None means that.
        disable = True if self.no_progress else None
        bar = tqdm(total=total, initial=initial, desc=label, unit="row", disable=disable)
        return bar.update


def job_lines(job):
    """What a job did in the end, and what to do about one that stopped."""
    Status = ImportJob.Status
    for entry in job.written.values():
        if entry["action"] == "skip":
            yield ReportLine(f"  row {entry['number']}: skipped: {entry['reason']}", WARNING)
    if job.status == Status.ROLLED_BACK:
        yield ReportLine(
            f"Import {job.pk} rolled back: {job.created_count} added signatories deleted, "
            f"{job.updated_count} changed ones put back.",
            SUCCESS,
        )
    elif job.status == Status.FAILED:
        yield ReportLine(
            f"Import {job.pk} stopped after {job.done_count} of {len(job.rows)} rows: "
            f"{job.error}. Resume it with --resume {job.pk}, or undo it with --roll-back "
            f"{job.pk}.",
            WARNING,
        )
    else:
        yield ReportLine(
            f"Import {job.pk} finished: {job.created_count} created, {job.updated_count} updated.",
            SUCCESS,
        )
