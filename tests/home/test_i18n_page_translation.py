"""Translating pages in the admin with wagtail-localize: who may start a translation, what it
starts as, and who may translate segment by segment and sync English changes."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.models import StatementPage, TakeActionPage
from signatories.models import JoinPage

from ..factories import UserFactory


@pytest.mark.django_db
def test_communications_editor_translates_a_page_tree_with_wagtail_localize(client, site_pages):
    spanish = Locale.objects.create(language_code="es")
    client.force_login(UserFactory(groups=["Communications"]))
    statement = site_pages["statement"]
    url = reverse("wagtail_localize:submit_page_translation", args=[statement.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [spanish.pk], "include_subtree": "on"})

    translated = StatementPage.objects.get(locale=spanish)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert translated.translation_key == statement.translation_key
    assert JoinPage.objects.filter(locale=spanish).count() == 1
    assert TakeActionPage.objects.filter(locale=spanish).count() == 1
    # wagtail-localize manages each copy: a translation to do segment by segment.
    source = TranslationSource.objects.get_for_instance(statement)
    assert Translation.objects.filter(source=source, target_locale=spanish, enabled=True).exists()
    # A copy starts as a draft for the editor to translate; nothing new is public yet.
    assert not translated.live
    assert not JoinPage.objects.get(locale=spanish).live


@pytest.mark.django_db
def test_communications_editor_opens_the_translation_editor_and_syncs(client, seeded_site):
    client.force_login(UserFactory(groups=["Communications"]))
    spanish = StatementPage.objects.get(locale__language_code="es")
    english = StatementPage.objects.get(locale__language_code="en")

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[spanish.pk]))
    source = TranslationSource.objects.get_for_instance(english)
    sync = client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))

    assert editor.status_code == 200
    # The translation editor (segment by segment), not the ordinary page form.
    assert b'class="js-translation-editor"' in editor.content
    assert sync.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Signatory editors", "Reviewers"])
def test_other_groups_cannot_translate_pages(client, site_pages, group):
    spanish = Locale.objects.create(language_code="es")
    client.force_login(UserFactory(groups=[group]))
    url = reverse("wagtail_localize:submit_page_translation", args=[site_pages["statement"].pk])
    response = client.post(url, {"locales": [spanish.pk], "include_subtree": "on"})
    # Wagtail's admin answers a denied permission with a redirect to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not StatementPage.objects.filter(locale=spanish).exists()


@pytest.mark.django_db
def test_simple_translation_is_gone_so_there_is_one_translate_action(client, site_pages):
    client.force_login(UserFactory(groups=["Communications"]))
    Locale.objects.create(language_code="es")
    listing = client.get(reverse("wagtailadmin_explore", args=[site_pages["statement"].pk]))
    html = listing.content.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=[site_pages["join"].pk]) in html
    assert "simple_translation" not in html
