from django.core.management.base import BaseCommand, CommandError

from home.site_address import SiteAddressError, describe, follow_public_url


class Command(BaseCommand):
    help = (
        "Put the default Wagtail site at PUBLIC_URL, so links in emails, canonical and share "
        "tags, hreflang and the sitemap use that address. Changes nothing else; safe to run "
        "on every deploy."
    )

    def handle(self, *args, **options):
        try:
            change = follow_public_url()
        except SiteAddressError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(describe(change))
