from django.core.management.base import BaseCommand, CommandError

from signatories.models import JoinRequest
from signatories.joining.email_tasks import EmailsFailed, send_due_emails


class Command(BaseCommand):
    help = (
        "Send the emails still due for stored requests, here and now rather than by the task "
        "worker's next sweep (e.g. after the worker was down). Safe to run at any time."
    )

    def handle(self, *args, **options):
        due = JoinRequest.objects.filter(emails_due=True)
        before = due.count()
        failures = []
        # Each sweep takes a batch; run sweeps until a pass leaves nothing due.
        while due.exists():
            try:
                send_due_emails.call()
            except EmailsFailed as exc:
                failures.append(str(exc))
        self.stdout.write(f"Sent the emails of {before} request(s).")
        if failures:
            # Non-zero for cron: each failed email is already queued for its own retry.
            failed = "; ".join(failures)
            raise CommandError(f"Some emails failed and are queued for retry: {failed}")
