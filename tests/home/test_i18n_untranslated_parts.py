"""Where a Spanish page has no translation yet for a part, that part carries lang="en": after
"Sync translated pages" brings an English change over, the changed paragraph, title or field
reads in English, marked so, while the rest stays Spanish and unmarked."""

import re

import pytest
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from home.models import StatementPage, TakeActionPage
from signatories.models import JoinPage

pytestmark = pytest.mark.usefixtures("seeded_module")

NEW_PARAGRAPH = "We welcome every neighbor, wherever they were born."


def sync(client, english_page):
    """What a translator does in the admin: "Sync translated pages", publishing them."""
    source = TranslationSource.objects.get_for_instance(english_page)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302, response.content.decode()[:500]


def edit_english(model, **changes):
    page = model.objects.get(locale__language_code="en")
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


@pytest.fixture
def translator(client, bilingual_site, editor):
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_a_synced_english_paragraph_reads_in_english_marked_lang_en(translator):
    english = StatementPage.objects.get(locale__language_code="en")
    body = english.body.get_prep_value()
    body[0]["value"] = f"<p>{NEW_PARAGRAPH}</p>"
    english.body = body
    english.save_revision().publish()

    before_sync = translator.get("/es/").content.decode()
    sync(translator, english)
    after_sync = translator.get("/es/").content.decode()

    # Until the sync, the Spanish page keeps its Spanish text.
    assert NEW_PARAGRAPH not in before_sync and 'lang="en"' not in before_sync.split("<main")[1]
    assert (
        f'<div class="block-paragraph" lang="en"><div class="rich-text"><p>{NEW_PARAGRAPH}'
        in after_sync
    )
    # The other paragraphs are still translated and unmarked.
    assert (
        '<div class="block-paragraph"><div class="rich-text"><p>Estas políticas surgieron'
        in after_sync
    )
    assert after_sync.split("<main")[1].count('lang="en"') == 1
    # wagtail-localize counts the new paragraph as a segment still to translate.
    spanish = StatementPage.objects.get(locale__language_code="es")
    translation = TranslationSource.objects.get_for_instance(english).translations.get(
        target_locale=spanish.locale
    )
    total, translated = translation.get_progress()
    assert translated == total - 1


@pytest.mark.django_db
def test_translating_the_synced_paragraph_removes_the_mark(translator):
    english = edit_english(StatementPage, title="A statement for safe communities")
    sync(translator, english)
    assert (
        '<h1 lang="en">A statement for safe communities</h1>'
        in translator.get("/es/").content.decode()
    )

    source = TranslationSource.objects.get_for_instance(english)
    segment = StringSegment.objects.select_related("string", "context").get(
        source=source, context__path="title"
    )
    spanish = StatementPage.objects.get(locale__language_code="es")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=spanish.locale,
        context=segment.context,
        data="Una declaración por comunidades seguras",
        translation_type="manual",
    )
    source.translations.get(target_locale=spanish.locale).save_target(publish=True)

    html = translator.get("/es/").content.decode()
    assert "<h1>Una declaración por comunidades seguras</h1>" in html
    assert 'lang="en"' not in html.split("<main")[1]


@pytest.mark.django_db
def test_a_synced_english_menu_title_is_marked_lang_en_in_the_spanish_menu(translator):
    english = edit_english(TakeActionPage, title="Act now")
    sync(translator, english)

    html = translator.get("/es/").content.decode()
    nav = re.search(r'<nav class="site-header__nav".*?</nav>', html, re.S).group(0)

    assert re.search(r'<a href="/es/take-action/"[^>]*lang="en"[^>]*>Act now</a>', nav)
    assert re.search(r'<a href="/es/join/"[^>]*>Agregue su organización</a>', nav)
    assert 'lang="en">Agregue' not in nav


@pytest.mark.django_db
def test_synced_english_join_fields_are_marked_on_the_form_and_thank_you_page(translator):
    label = "We agree to be listed as a signatory."
    thanks = "Thanks, we got it."
    english = edit_english(JoinPage, consent_label=label, thank_you_title=thanks)
    sync(translator, english)

    join = translator.get("/es/join/").content.decode()
    thank_you = translator.get("/es/join/thanks/").content.decode()

    assert re.search(r'<div class="checkbox" lang="en">.*?' + re.escape(label), join, re.S)
    assert "<h1>Agregue su organización</h1>" in join  # still translated: no mark
    assert f'<h1 lang="en">{thanks}</h1>' in thank_you
    assert '<div class="rich-text">' in thank_you and "Hemos enviado el mensaje" in thank_you


@pytest.mark.django_db
def test_english_pages_carry_no_lang_marks(client, bilingual_site):
    for url in ["/", "/take-action/", "/join/", "/join/thanks/"]:
        main = client.get(url).content.decode().split("<main")[1]
        assert 'lang="en"' not in main, url
        assert 'lang="es"' not in main, url
