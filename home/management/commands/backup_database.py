from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home.backup import BackupError, backup


class Command(BaseCommand):
    help = "Take a consistent backup of the database, safe while the site is being written to."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Backup file (default: var/backups/<time>.backup)")

    def handle(self, *args, output=None, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        path = output or settings.VAR_DIR / "backups" / f"{stamp}.backup"
        try:
            written = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {written}"))
