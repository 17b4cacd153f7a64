from django.core.management.base import BaseCommand, CommandError

from signatories.joining.email_tasks import send_all_due_emails


class Command(BaseCommand):
    help = (
        "Send the emails still due for stored requests, here and now rather than by the task "
        "worker's next sweep (e.g. after the worker was down). Safe to run at any time."
    )

    def handle(self, *args, **options):
        sent, failures = send_all_due_emails()
        self.stdout.write(f"Sent the emails of {sent} request(s).")
        if failures:
            # Non-zero for cron: each failed email is already queued for its own retry.
            failed = "; ".join(failures)
            raise CommandError(f"Some emails failed and are queued for retry: {failed}")
