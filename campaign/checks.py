"""The project's own deployment checks, run by `manage.py check --deploy` beside Django's.

Each names what would go wrong for visitors or editors, with a stable id to silence it by
(SILENCED_SYSTEM_CHECKS) where a deployment knowingly differs. Checks that read the database
skip with a note (campaign.I001) when it cannot be read, e.g. a fresh clone not yet migrated:
CI runs `make check-deploy` there.
"""

from django.conf import settings
from django.core.checks import Error, Info, Tags, Warning, register
from django.db import DatabaseError
from wagtail.models import Site

from campaign.accounts.passwords import accounts_with_well_known_passwords
from campaign.public_url import is_local_host, parse_public_url
from campaign.settings.workers import web_concurrency

LOCMEM_CACHE = "django.core.cache.backends.locmem.LocMemCache"
TAG = "campaign"


def database_unreadable(check, error):
    return Info(
        f"The database could not be read ({error.__class__.__name__}: {error}), so the "
        f"{check} check did not run.",
        hint="Run `manage.py check --deploy` again once the database is migrated.",
        id="campaign.I001",
    )


@register(Tags.sites, TAG, deploy=True)
def check_public_url(app_configs=None, **kwargs):
    address = parse_public_url(settings.PUBLIC_URL)
    if address.is_local:
        return [
            Warning(
                f"PUBLIC_URL is {address.url}, an address of this machine: links in emails, "
                "canonical and share tags, hreflang and the sitemap would point there.",
                hint="Set PUBLIC_URL to the address visitors use, e.g. "
                "https://statement.example.org, then run `manage.py set_site_url`.",
                id="campaign.W001",
            )
        ]
    if address.url.startswith("http://") and settings.SECURE_SSL_REDIRECT:
        return [
            Warning(
                f"PUBLIC_URL is {address.url}, but the site redirects every request to https "
                "(SECURE_SSL_REDIRECT): emailed confirmation links would first travel "
                "unencrypted.",
                hint=f"Set PUBLIC_URL=https://{address.hostname}.",
                id="campaign.W005",
            )
        ]
    return []


@register(Tags.sites, TAG, deploy=True)
def check_default_site(app_configs=None, **kwargs):
    address = parse_public_url(settings.PUBLIC_URL)
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError as error:
        return [database_unreadable("default site", error)]
    if site is None:
        return [
            Warning(
                "There is no default Wagtail site: pages have no absolute URLs, so emails "
                "carry no confirmation link and the sitemap is empty.",
                hint="Run `manage.py seed_campaign`, which creates it at PUBLIC_URL.",
                id="campaign.W002",
            )
        ]
    if (site.hostname, site.port) == (address.hostname, address.port):
        return []
    still_local = " still" if is_local_host(site.hostname) else ""
    return [
        Warning(
            f"The default Wagtail site is{still_local} {site.root_url}, not PUBLIC_URL "
            f"{address.url}: links in emails, canonical and share tags, hreflang and the "
            "sitemap point at the site's address.",
            hint="Run `manage.py set_site_url` with PUBLIC_URL set (seed_campaign does it too).",
            id="campaign.W002",
        )
    ]


@register(Tags.security, TAG, deploy=True)
def check_well_known_passwords(app_configs=None, **kwargs):
    """An error, not a warning: such an account is the first thing anyone tries. The
    production login already refuses these passwords (campaign.accounts.backends); this says which
    accounts still have one, e.g. the development account `make run` makes."""
    try:
        found = accounts_with_well_known_passwords()
    except DatabaseError as error:
        return [database_unreadable("well-known passwords", error)]
    if not found:
        return []
    accounts = ", ".join(f"{username!r} (password {password!r})" for username, password in found)
    commands = "; ".join(f"`manage.py changepassword {username}`" for username, _ in found)
    return [
        Error(
            f"These active accounts have a password anyone would try first: {accounts}.",
            hint=f"Delete or deactivate them, or give each a strong password: {commands}.",
            id="campaign.E001",
        )
    ]


@register(Tags.caches, TAG, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    if settings.CACHES["default"]["BACKEND"] != LOCMEM_CACHE:
        return []
    workers = web_concurrency()
    if workers <= 1:
        return []
    return [
        Warning(
            f"The default cache lives in each process's memory and gunicorn runs {workers} "
            f"workers (WEB_CONCURRENCY): each counts join rate limits and the email sweep's "
            f"window on its own, so a client gets up to {workers} times the limit.",
            hint="Use the caches campaign/settings/services.py configures: the box cache in "
            "var/, shared by the machine's processes, or Redis (REDIS_URL).",
            id="campaign.W004",
        )
    ]
