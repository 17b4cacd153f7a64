from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, restore
from home.restore import carry_over, read_run_state
from home.workers import running_workers


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup taken by backup_database. Stop the "
        "task workers first: it refuses to run while one runs (--force to run anyway)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Backup file to restore")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: the current data is replaced."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even while task workers run (they will likely crash and need a restart).",
        )

    def handle(self, *args, path, yes, force, **options):
        workers = running_workers()
        if workers and not force:
            listed = "; ".join(str(worker) for worker in workers)
            raise CommandError(
                f"Task workers are running: {listed}. Restoring the database under them "
                "would crash them. Stop them (e.g. systemctl stop the db_worker service), "
                "restore, then start them again; or pass --force."
            )
        if not yes:
            answer = input(f"Replace all current data with {path}? Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        state = read_run_state()
        try:
            restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        report = carry_over(state)
        self.stdout.write(self.style.SUCCESS(f"Restored {path}"))
        if state is None:
            self.stdout.write(
                "The replaced database kept no record of what it sent: emails due in the "
                "backup will be sent."
            )
        self.stdout.write(
            f"Emails sent since the backup, not sent again: {report.emails_not_resent}. "
            f"Queued tasks that had run since the backup, not run again: "
            f"{report.tasks_not_rerun}. Cached pages dropped (new cache generation) and a "
            "CDN purge queued; start the task workers again to send what is due."
        )
