"""The seeded privacy notice: what the join form collects, why, who sees it, how long it is
kept (the period the purge really uses, read from the setting), and how to withdraw or
correct; and the join form linking it beside the consent box."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from home.models import InformationPage, OrganizerSettings
from home.seed import build_page_tree
from signatories.joining.forms import JoinForm
from signatories.joining.retention import purge_contact_details

from ..factories import JoinRequestFactory
from ..signatories.joining.join_form_page import field_block

pytestmark = pytest.mark.usefixtures("seeded_module")


def privacy_html(client):
    return client.get("/privacy/").content.decode()


@override_settings(CONTACT_RETENTION_DAYS=45)
def test_privacy_notice_states_the_configured_retention_period(client, seeded_site):
    html = privacy_html(client)

    assert "for 45 days after an editor has decided on the request" in html
    assert "180 days" not in html


@override_settings(CONTACT_RETENTION_DAYS=1)
def test_privacy_notice_says_one_day_in_the_singular(client, seeded_site):
    assert "for 1 day after an editor has decided" in privacy_html(client)


@pytest.mark.django_db
def test_the_period_stated_is_the_one_the_purge_applies(client, seeded_site, settings):
    settings.CONTACT_RETENTION_DAYS = 30
    old = JoinRequestFactory(status="approved")
    old.__class__.objects.filter(pk=old.pk).update(decided_at=timezone.now() - timedelta(days=31))

    assert "for 30 days after" in privacy_html(client)
    assert purge_contact_details(settings.CONTACT_RETENTION_DAYS).requests == [old.pk]


# Each field a person fills in on the join form, and how the notice names it: a field added
# to the form fails this test until the notice says what it is for.
NOTICE_NAMES = {
    "name": "organization's name",
    "state": "its state or National",
    "city": "city and website",
    "website": "city and website",
    "contact_name": "contact name and email address",
    "contact_email": "contact name and email address",
    "consent": "agrees to be listed",
}


def test_privacy_notice_covers_each_field_the_join_form_collects(client, seeded_site):
    html = privacy_html(client)

    asked = {field.name for field in JoinForm().visible_fields_for_people}
    assert asked == set(NOTICE_NAMES)
    for name, phrase in NOTICE_NAMES.items():
        assert phrase in html, name
    for heading in ["What the form collects", "Why", "Who sees it", "How long we keep it"]:
        assert f">{heading}</h2>" in html
    assert "Withdraw or correct a listing</h2>" in html
    assert '<a href="/join/">Add your organization</a>' in html


def test_seed_links_about_and_privacy_pages_from_the_organizer_settings(seeded_site):
    organizer = OrganizerSettings.objects.get(site=seeded_site)

    assert organizer.privacy_page.specific.title == "Privacy notice"
    assert organizer.about_page.specific.title == "About the coalition"
    assert organizer.name == "Coalition Statement"
    pages = InformationPage.objects.filter(locale__language_code="en")
    assert all(page.search_description and page.share_summary for page in pages)


def test_seed_runs_again_without_touching_edited_settings(seeded_site):
    OrganizerSettings.objects.filter(site=seeded_site).update(name="Edited")

    build_page_tree(["We stand together."])

    assert OrganizerSettings.objects.get(site=seeded_site).name == "Edited"
    assert InformationPage.objects.filter(locale__language_code="en").count() == 2


def test_join_form_links_the_privacy_notice_beside_the_consent_box(client, seeded_site):
    html = client.get("/join/").content.decode()

    consent = field_block(html, "consent")
    assert '<a href="/privacy/">Read our privacy notice</a>' in consent


def test_spanish_join_form_links_the_spanish_privacy_notice(client, seeded_site):
    consent = field_block(client.get("/es/join/").content.decode(), "consent")

    assert 'href="/es/privacy/"' in consent


def test_join_form_without_a_privacy_page_has_no_empty_link(client, seeded_site):
    OrganizerSettings.objects.filter(site=seeded_site).update(privacy_page=None)

    html = client.get("/join/").content.decode()

    assert "privacy notice</a>" not in html.lower()


def test_the_seeded_summaries_keep_list_items_and_paragraphs_apart(seeded_site):
    privacy = InformationPage.objects.get(locale__language_code="en", slug="privacy")

    assert "or correct a listing. Your organization's name" in privacy.share_summary
    assert "or National. Its city" in privacy.share_summary
    assert "National.Its" not in privacy.share_summary


def test_privacy_notice_gives_the_organizers_contact_address_once_there_is_one(client, seeded_site):
    # No address is invented: the seed sets none, and the notice names none.
    assert "write to us" not in privacy_html(client)
    organizer = OrganizerSettings.objects.get(site=seeded_site)
    organizer.contact_email = "coalition@example.org"
    organizer.save()

    link = '<a href="mailto:coalition@example.org">coalition@example.org</a>'
    assert f"You can also write to us at {link}." in privacy_html(client)
    spanish = client.get("/es/privacy/").content.decode()
    assert f"También puede escribirnos a {link}." in spanish
