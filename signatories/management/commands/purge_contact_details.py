from django.conf import settings
from django.core.management.base import BaseCommand

from signatories.joining.retention import purge_contact_details


class Command(BaseCommand):
    help = (
        "Erase the personal details (contact name and email, what-to-change text, editor's "
        "note) of join requests decided, or received and still pending, more than --days ago, "
        "including copies in audit logs and email task records, and record each erasure in "
        "the request's history. Safe to run repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.CONTACT_RETENTION_DAYS,
            help="Keep personal details this many days after the decision, or after receipt "
            "for requests still pending "
            f"(default: CONTACT_RETENTION_DAYS, {settings.CONTACT_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be erased; change nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        report = purge_contact_details(days, dry_run=dry_run)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            f"{verb} the personal details of {len(report.requests)} request(s) decided, or "
            f"pending, more than {days} days; scrubbed {report.log_entries} log entr(ies) and "
            f"{report.task_results} email task record(s)."
        )
