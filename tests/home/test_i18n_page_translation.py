"""Translating pages in the admin: who may copy a page tree into another language, and what
the copy starts as."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from home.models import StatementPage, TakeActionPage
from signatories.models import JoinPage

from ..factories import UserFactory


@pytest.mark.django_db
def test_communications_editor_translates_a_page_with_simple_translation(client, site_pages):
    spanish = Locale.objects.create(language_code="es")
    editor = UserFactory(groups=["Communications"])
    client.force_login(editor)
    statement = site_pages["statement"]
    url = reverse("simple_translation:submit_page_translation", args=[statement.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [spanish.pk], "include_subtree": "on"})

    translated = StatementPage.objects.get(locale=spanish)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert translated.translation_key == statement.translation_key
    assert JoinPage.objects.filter(locale=spanish).count() == 1
    assert TakeActionPage.objects.filter(locale=spanish).count() == 1
    # A copy starts as a draft for the editor to translate; nothing new is public yet.
    assert not translated.live


@pytest.mark.django_db
def test_signatory_editors_cannot_translate_pages(client, site_pages):
    Locale.objects.create(language_code="es")
    client.force_login(UserFactory(groups=["Signatory editors"]))
    url = reverse("simple_translation:submit_page_translation", args=[site_pages["statement"].pk])
    response = client.post(url, {"locales": [Locale.objects.get(language_code="es").pk]})
    # Wagtail's admin answers a denied permission with a redirect to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not StatementPage.objects.filter(locale__language_code="es").exists()
