from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from campaign.accounts.passwords import DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME
from home.seed import build_page_tree
from home.site_address import SiteAddressError, describe, public_address
from signatories.seed import SEED_FILE, SeedFormatError, load_signatories, read_seed

CREATE_ADMINISTRATOR = "python manage.py createsuperuser"


class Command(BaseCommand):
    help = (
        "Create the statement, Take Action and Join pages and the seed signatories, and put "
        "the default site at PUBLIC_URL. Idempotent: only what is missing is created; "
        "editors' changes are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(SEED_FILE), help="Seed statement file (default: the shipped one)"
        )
        parser.add_argument(
            "--no-dev-admin",
            action="store_true",
            help="Do not create the local admin account even when DEBUG is on and PUBLIC_URL "
            "is this machine.",
        )

    def handle(self, *args, **options):
        try:
            seed = read_seed(options["file"])
        except (OSError, UnicodeDecodeError, SeedFormatError) as error:
            raise CommandError(f"Cannot read the seed file {options['file']}: {error}") from error

        try:
            report = build_page_tree(seed.paragraphs)
        except SiteAddressError as error:
            raise CommandError(str(error)) from error
        for page in report.created:
            self.stdout.write(f"Created page {page.title!r} at {page.url}")
        for page in report.translated:
            self.stdout.write(f"Translated the copy at {page.url}: {page.title!r}")
        if report.existing:
            self.stdout.write(f"{len(report.existing)} page(s) already present, left as they are")
        self.stdout.write(describe(report.site_address))
        if report.organizer_created:
            self.stdout.write("Created the organizer settings (Settings → Organizer)")

        created, present = load_signatories(seed.signatories)
        self.stdout.write(
            self.style.SUCCESS(f"Signatories: {created} created, {present} already present")
        )

        if settings.DEBUG and not options["no_dev_admin"]:
            self.ensure_dev_admin()
        if not get_user_model().objects.filter(is_superuser=True, is_active=True).exists():
            self.stdout.write(f"No administrator account yet: {CREATE_ADMINISTRATOR}")

    def ensure_dev_admin(self):
        # `manage.py` defaults to the development settings, so DEBUG alone does not mean a
        # developer's machine: the site must also be served here, as `make run` serves it.
        address = public_address()
        if not address.is_local:
            self.stdout.write(
                f"No development account: PUBLIC_URL {address.url} is not this machine. "
                f"Create a real administrator with `{CREATE_ADMINISTRATOR}`."
            )
            return
        self.ensure_local_admin()

    def ensure_local_admin(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEV_ADMIN_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "admin@localhost"},
        )
        if created:
            user.set_password(DEV_ADMIN_PASSWORD)
            user.save()
            self.stdout.write("Created the local admin account.")
        if user.check_password(DEV_ADMIN_PASSWORD):
            self.stdout.write(
                f"Admin login (this machine only): /admin/  user {DEV_ADMIN_USERNAME!r}  "
                f"password {DEV_ADMIN_PASSWORD!r}"
            )
