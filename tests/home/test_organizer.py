"""Who runs the site: the organizer settings in the header and footer, escaped, read without a
page view ever writing a settings row, and new on every cached page as soon as they are saved."""

import wagtail_factories
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site

from home.models import OrganizerSettings

from ..factories import UserFactory
from .page_outline import outline

HOSTILE = '<script>alert("x")</script> & "Friends"'


def organizer(site_pages, **fields):
    site = Site.objects.get(is_default_site=True)
    settings, _ = OrganizerSettings.objects.update_or_create(site=site, defaults=fields)
    return settings


def section(html, tag):
    return html.split(f"<{tag} ", 1)[1].split(f"</{tag}>", 1)[0]


def test_header_and_footer_show_the_organizer_its_contact_and_pages(client, site_pages):
    organizer(
        site_pages,
        name="Immigrant Justice Coalition",
        description="Organizations standing together.",
        contact_email="hello@coalition.example.org",
        address="1 Main St\nSpringfield, IL",
        about_page=site_pages["take_action"],
        privacy_page=site_pages["join"],
        social_accounts=[("account", {"network": "Bluesky", "url": "https://bsky.app/x"})],
    )

    html = client.get("/").content.decode()

    header, footer = section(html, "header"), section(html, "footer")
    assert "Immigrant Justice Coalition" in header
    assert "Published by Immigrant Justice Coalition" in footer
    assert "Organizations standing together." in footer
    assert "1 Main St<br>Springfield, IL" in footer
    assert '<a href="mailto:hello@coalition.example.org">' in footer
    assert '<a href="/take-action/">About us</a>' in footer
    assert '<a href="/join/">Privacy notice</a>' in footer
    assert '<a href="https://bsky.app/x" rel="me noopener">Bluesky</a>' in footer


def test_footer_says_when_the_statement_was_last_updated(client, site_pages):
    statement = site_pages["statement"]
    statement.save_revision().publish()
    statement.refresh_from_db()

    footer = section(client.get("/join/").content.decode(), "footer")

    assert f'<time datetime="{statement.last_published_at:%Y-%m-%d}">' in footer


def test_header_shows_the_logo_beside_the_name(client, site_pages):
    logo = wagtail_factories.ImageFactory(title="Logo")
    organizer(site_pages, name="Coalition", logo=logo)

    header = section(client.get("/").content.decode(), "header")

    assert '<img class="site-header__logo" src="/media/images/' in header
    assert 'alt=""' in header  # the name beside it says who it is


def test_organizer_text_is_escaped_everywhere_it_is_shown(client, site_pages):
    organizer(site_pages, name=HOSTILE, description=HOSTILE, address=HOSTILE)

    for path in ["/", "/join/", "/take-action/"]:
        html = client.get(path).content.decode()
        assert "<script>alert" not in html, path
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Friends&quot;" in html


def test_without_settings_the_site_name_is_shown_and_a_visit_writes_nothing(client, site_pages):
    Site.objects.filter(is_default_site=True).update(site_name="Coalition Statement")

    html = client.get("/").content.decode()

    assert "Coalition Statement" in section(html, "header")
    assert not OrganizerSettings.objects.exists()


def test_saved_settings_show_at_once_on_the_cached_pages(client, site_pages):
    settings = organizer(site_pages, name="Old name")
    assert "Old name" in client.get("/").content.decode()
    assert "Old name" in client.get("/").content.decode()  # now from the page cache

    settings.name = "New name"
    settings.save()

    html = client.get("/").content.decode()
    assert "New name" in html and "Old name" not in html


def test_description_falls_back_to_the_organizers_on_pages_without_one(client, site_pages):
    organizer(site_pages, name="Coalition", description="Who we are, in a sentence.")

    meta = outline(client.get("/take-action/")).meta

    assert meta["description"] == "Who we are, in a sentence."


def test_communications_editors_edit_the_organizer_settings(client, site_pages):
    user = UserFactory(is_staff=False)
    user.groups.add(Group.objects.get(name="Communications"))
    client.force_login(user)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["home", "organizersettings", site.pk])

    response = client.post(
        url,
        {
            "name": "Edited by communications",
            "description": "",
            "contact_email": "press@example.org",
            "address": "",
            "social_accounts-count": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    settings = OrganizerSettings.objects.get(site=site)
    assert settings.name == "Edited by communications"
    assert settings.contact_email == "press@example.org"
