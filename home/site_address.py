"""The default Wagtail Site at PUBLIC_URL: Wagtail builds every absolute link from the Site's
hostname and port (confirmation emails, canonical and share tags, hreflang, the sitemap), so
the Site must carry the address visitors really use."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from wagtail.models import Site

from campaign.public_url import parse_public_url


class SiteAddressError(Exception):
    """The default Site cannot take PUBLIC_URL's address; the message says why."""


@dataclass(frozen=True)
class SiteAddressChange:
    site: Site
    previous_url: str  # the Site's root_url before; equal to site.root_url when unchanged

    @property
    def moved(self):
        return self.previous_url != self.site.root_url


def public_address():
    return parse_public_url(settings.PUBLIC_URL)


@transaction.atomic
def follow_public_url():
    """Give the default Site PUBLIC_URL's hostname and port, if it has others.

    Saving the Site clears Wagtail's cache of site root paths and starts a new page-cache
    generation (campaign.caching), so pages stored with the old address are not served.
    """
    address = public_address()
    site = Site.objects.select_for_update().filter(is_default_site=True).first()
    if site is None:
        raise SiteAddressError(
            "There is no default Wagtail site yet: `manage.py seed_campaign` creates it."
        )
    previous_url = site.root_url
    if (site.hostname, site.port) != (address.hostname, address.port):
        taken = Site.objects.filter(hostname=address.hostname, port=address.port)
        if taken.exclude(pk=site.pk).exists():
            raise SiteAddressError(
                f"Another Wagtail site already has the address {address.url} (PUBLIC_URL); "
                "change or delete it under Settings > Sites first."
            )
        site.hostname, site.port = address.hostname, address.port
        site.save(update_fields=["hostname", "port"])
    return SiteAddressChange(site=site, previous_url=previous_url)


def describe(change):
    """One line for a command's output."""
    if change.moved:
        return (
            f"Default site moved from {change.previous_url} to {change.site.root_url} "
            "(PUBLIC_URL): absolute links now point there."
        )
    return f"Default site already at {change.site.root_url} (PUBLIC_URL), unchanged."
