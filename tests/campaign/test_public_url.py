"""PUBLIC_URL: one setting for the address the site is served at, which the default Wagtail
Site follows (seed_campaign, set_site_url), so every absolute link the site writes uses it."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Site

from campaign.public_url import parse_public_url
from signatories.models import JoinRequest

from ..helpers import form_data
from ..process_helpers import last_json_line, production_environment, run_python

LOCAL = "http://127.0.0.1:8123"


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def seed(public_url):
    with override_settings(PUBLIC_URL=public_url):
        return run("seed_campaign", "--no-dev-admin")


def default_site():
    return Site.objects.get(is_default_site=True)


def absolute_links(html):
    """The canonical link and og:url of a page."""
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    og_url = re.search(r'<meta property="og:url" content="([^"]+)"', html).group(1)
    return canonical, og_url


def sitemap_locations(client):
    return re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())


# --- the setting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "url", "hostname", "port"),
    [
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123", "127.0.0.1", 8123),
        (
            "https://Statement.Example.org/",
            "https://statement.example.org",
            "statement.example.org",
            443,
        ),
        (
            "http://statement.example.org:80",
            "http://statement.example.org",
            "statement.example.org",
            80,
        ),
        (
            "https://statement.example.org:443",
            "https://statement.example.org",
            "statement.example.org",
            443,
        ),
        ("http://[::1]:8000", "http://[::1]:8000", "[::1]", 8000),
    ],
)
def test_public_url_is_read_as_the_site_address_wagtail_gives_back(value, url, hostname, port):
    address = parse_public_url(value)
    assert (address.url, address.hostname, address.port) == (url, hostname, port)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("statement.example.org", "must start with http:// or https://"),
        ("ftp://statement.example.org", "must start with http:// or https://"),
        ("https://", "no host name"),
        ("https://statement.example.org/campaign/", "must not have a path"),
        ("https://statement.example.org/?utm=1", "must not have a path"),
        ("https://user:secret@statement.example.org", "user name or password"),
        ("http://statement.example.org:http", "port must be a number"),
        # Wagtail's Site.root_url has no way to say either of these.
        ("https://statement.example.org:8443", "https links only for port 443"),
        ("http://statement.example.org:443", "port 443 as https"),
    ],
)
def test_a_public_url_links_cannot_be_built_from_is_refused_with_the_reason(value, problem):
    with pytest.raises(ImproperlyConfigured, match="PUBLIC_URL must be the site's public") as info:
        parse_public_url(value)
    assert problem in str(info.value)
    assert repr(value) in str(info.value)


SHOW_ADDRESS_SETTINGS = (
    "import django, json, os; "
    "os.environ['DJANGO_SETTINGS_MODULE'] = 'campaign.settings.production'; "
    "django.setup(); "
    "from django.conf import settings; "
    "print(json.dumps([settings.PUBLIC_URL, settings.ALLOWED_HOSTS, "
    "settings.WAGTAILADMIN_BASE_URL]))"
)


def production_address_settings(tmp_path, **env):
    return run_python(SHOW_ADDRESS_SETTINGS, production_environment(tmp_path, **env))


@pytest.mark.slow
def test_production_serves_public_urls_host_and_builds_admin_links_on_it(tmp_path):
    result = production_address_settings(tmp_path, PUBLIC_URL="https://statement.example.org/")
    public_url, allowed_hosts, admin_base_url = last_json_line(result)
    assert public_url == "https://statement.example.org"
    assert "statement.example.org" in allowed_hosts
    assert admin_base_url == "https://statement.example.org"


@pytest.mark.slow
def test_explicit_allowed_hosts_and_admin_base_url_are_kept(tmp_path):
    result = production_address_settings(
        tmp_path,
        PUBLIC_URL="https://statement.example.org",
        ALLOWED_HOSTS="www.example.org",
        WAGTAILADMIN_BASE_URL="https://admin.example.org",
    )
    _, allowed_hosts, admin_base_url = last_json_line(result)
    assert allowed_hosts == ["www.example.org"]
    assert admin_base_url == "https://admin.example.org"


@pytest.mark.slow
def test_without_public_url_the_site_is_at_the_development_address(tmp_path):
    result = production_address_settings(tmp_path)
    public_url, allowed_hosts, admin_base_url = last_json_line(result)
    assert public_url == admin_base_url == "http://127.0.0.1:8000"
    assert allowed_hosts == ["localhost", "127.0.0.1", "[::1]"]


def test_production_refuses_to_start_with_a_public_url_that_has_a_path(tmp_path):
    result = production_address_settings(tmp_path, PUBLIC_URL="https://example.org/statement")
    assert result.returncode != 0
    assert "ImproperlyConfigured: PUBLIC_URL must be the site's public address" in result.stderr


# --- the default Site follows it -----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db
def test_seed_puts_the_default_site_at_public_url():
    output = seed(LOCAL)
    assert default_site().root_url == LOCAL
    assert Site.objects.count() == 1
    # Wagtail's migrations made the site at http://localhost; the seed says it moved it.
    assert f"Default site moved from http://localhost to {LOCAL} (PUBLIC_URL)" in output


@pytest.mark.slow
@pytest.mark.django_db
def test_seed_creates_a_missing_default_site_at_public_url():
    Site.objects.all().delete()
    output = seed(LOCAL)
    site = default_site()
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8123, LOCAL)
    assert f"Default site already at {LOCAL} (PUBLIC_URL), unchanged." in output


@pytest.mark.slow
@pytest.mark.django_db
def test_a_second_seed_with_the_same_public_url_changes_nothing_and_says_so():
    seed(LOCAL)
    site = default_site()
    output = seed(LOCAL)
    assert f"Default site already at {LOCAL} (PUBLIC_URL), unchanged." in output
    assert "moved" not in output
    assert Site.objects.get() == site
    assert (default_site().hostname, default_site().port) == ("127.0.0.1", 8123)


@pytest.mark.django_db
def test_links_follow_public_url_on_the_statement_the_sitemap_and_the_emails(
    client, django_capture_on_commit_callbacks
):
    seed(LOCAL)

    html = client.get("/").content.decode()
    assert absolute_links(html) == (f"{LOCAL}/", f"{LOCAL}/")
    assert f'hreflang="es" href="{LOCAL}/es/"' in html
    locations = sitemap_locations(client)
    assert f"{LOCAL}/" in locations and f"{LOCAL}/join/" in locations
    assert all(location.startswith(f"{LOCAL}/") for location in locations)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/join/", form_data(name="Tucson Sanctuary Network", state="AZ"))
    assert response.status_code == 302
    contact = JoinRequest.objects.get().contact_email
    acknowledgment = next(message for message in mail.outbox if message.to == [contact])
    assert re.search(rf"{re.escape(LOCAL)}/join/confirm/\S+/", acknowledgment.body)


@pytest.mark.slow
@pytest.mark.django_db
def test_a_rerun_with_another_public_url_moves_the_site_and_its_cached_pages_links(client):
    seed(LOCAL)
    client.get("/")
    stored = client.get("/")
    assert stored["X-Page-Cache"] == "hit"
    assert absolute_links(stored.content.decode())[0] == f"{LOCAL}/"

    output = seed("http://127.0.0.1:9000")

    assert f"Default site moved from {LOCAL} to http://127.0.0.1:9000 (PUBLIC_URL)" in output
    assert default_site().root_url == "http://127.0.0.1:9000"
    assert Site.objects.count() == 1
    # The statement page was stored with the old address; the move must not serve it again.
    assert absolute_links(client.get("/").content.decode())[0] == "http://127.0.0.1:9000/"
    assert sitemap_locations(client)[0].startswith("http://127.0.0.1:9000/")


@pytest.mark.django_db
def test_an_https_public_url_gives_port_443_and_https_links(client):
    seed("https://statement.example.org")
    site = default_site()
    assert (site.hostname, site.port) == ("statement.example.org", 443)
    assert site.root_url == "https://statement.example.org"
    html = client.get("/join/").content.decode()
    assert absolute_links(html) == (
        "https://statement.example.org/join/",
        "https://statement.example.org/join/",
    )
    assert Page.objects.get(url_path="/statement/join/").full_url == (
        "https://statement.example.org/join/"
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_set_site_url_moves_only_the_site(client):
    seed(LOCAL)
    pages = Page.objects.count()
    with override_settings(PUBLIC_URL="https://statement.example.org"):
        output = run("set_site_url")
        again = run("set_site_url")
    assert output.strip() == (
        f"Default site moved from {LOCAL} to https://statement.example.org (PUBLIC_URL): "
        "absolute links now point there."
    )
    assert again.strip() == (
        "Default site already at https://statement.example.org (PUBLIC_URL), unchanged."
    )
    assert default_site().root_url == "https://statement.example.org"
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_set_site_url_without_a_default_site_says_to_seed_first():
    Site.objects.all().delete()
    with pytest.raises(CommandError, match="no default Wagtail site yet.*seed_campaign"):
        run("set_site_url")


@pytest.mark.slow
@pytest.mark.django_db
def test_set_site_url_refuses_an_address_another_site_already_has():
    seed(LOCAL)
    Site.objects.create(
        hostname="statement.example.org", port=443, root_page=default_site().root_page
    )
    with override_settings(PUBLIC_URL="https://statement.example.org"):
        with pytest.raises(CommandError, match="Another Wagtail site already has the address"):
            run("set_site_url")
    assert default_site().root_url == LOCAL
