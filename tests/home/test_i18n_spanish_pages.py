"""The seeded Spanish pages read in Spanish: what a visitor to /es/ sees and hears (titles,
menu, statement, join intro, consent label, thank-you, the embed's link, the About page and
the privacy notice), translated through wagtail-localize, with the statement waiting for the
coalition's review."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from home.models import StatementPage
from home.seed import build_page_tree
from signatories.seed import read_seed

pytestmark = pytest.mark.usefixtures("seeded_module")


def main_of(html):
    return html[html.index("<main") : html.index("</main>")]


def menu_of(html):
    nav = re.search(r'<nav class="site-header__nav".*?</nav>', html, re.S).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


@pytest.mark.django_db
def test_the_spanish_statement_page_reads_in_spanish(client, bilingual_site):
    html = client.get("/es/").content.decode()
    main = main_of(html)

    assert '<html lang="es">' in html
    assert (
        "<h1>Declaración en apoyo de las políticas locales que protegen a los inmigrantes</h1>"
        in html
    )
    assert "<title>Declaración en apoyo" in html
    assert menu_of(html) == ["Pase a la acción", "Agregue su organización"]
    assert "Nuestras organizaciones respaldan los cientos de políticas" in main
    assert '<h2 id="signatories-heading">Firmantes</h2>' in main
    # Not a word of the English statement, and nothing marked as English.
    for english in ["Our organizations stand behind", "Click here to join", "Take Action"]:
        assert english not in html
    assert 'lang="en"' not in main


@pytest.mark.django_db
def test_the_spanish_join_page_intro_and_consent_label_are_spanish(client, bilingual_site):
    main = main_of(client.get("/es/join/").content.decode())

    assert "<h1>Agregue su organización</h1>" in main
    assert "Organizaciones de cualquier tamaño pueden firmar la declaración." in main
    assert "Confirmamos que nuestra organización acepta figurar públicamente" in main
    assert "We confirm that our organization" not in main
    assert "Organizations of every size" not in main
    assert 'lang="en"' not in main


@pytest.mark.django_db
def test_the_spanish_thank_you_page_and_take_action_page_are_spanish(client, bilingual_site):
    thanks = main_of(client.get("/es/join/thanks/").content.decode())
    take_action = main_of(client.get("/es/take-action/").content.decode())

    assert "<h1>Gracias por agregar su organización</h1>" in thanks
    assert "Hemos enviado el mensaje" in thanks
    assert "We have received your request" not in thanks
    assert "<h1>Pase a la acción</h1>" in take_action
    assert "Hable con sus autoridades locales" in take_action
    assert "Corra la voz" in take_action
    for english in ["Spread the word", "Talk to your local officials", "Sign on"]:
        assert english not in take_action
    assert 'lang="en"' not in thanks + take_action


@pytest.mark.django_db
def test_the_spanish_embed_links_to_the_statement_by_its_spanish_title(client, bilingual_site):
    html = client.get("/es/embed/").content.decode()
    link = re.search(r'<a class="embed__statement"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert link.startswith("Declaración en apoyo de las políticas locales")
    assert "Statement in Support" not in html


@pytest.mark.django_db
def test_the_spanish_about_page_reads_in_spanish(client, bilingual_site):
    html = client.get("/es/about/").content.decode()
    main = main_of(html)

    assert '<html lang="es">' in html
    assert "<title>Acerca de la coalición" in html
    assert "<h1>Acerca de la coalición</h1>" in main
    assert "Esta declaración la publica una coalición de organizaciones" in main
    assert "Los editores de la coalición revisan cada solicitud" in main
    assert '<a href="/es/join/" class="button">Agregue su organización</a>' in main
    for english in ["About the coalition", "This statement is published", "editors check"]:
        assert english not in html
    assert 'lang="en"' not in main


@pytest.mark.django_db
@override_settings(CONTACT_RETENTION_DAYS=45)
def test_the_spanish_privacy_notice_reads_in_spanish_with_the_real_retention(
    client, bilingual_site
):
    html = client.get("/es/privacy/").content.decode()
    main = main_of(html)

    assert "<title>Aviso de privacidad" in html
    assert "<h1>Aviso de privacidad</h1>" in main
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", main)
    assert headings == [
        "Qué datos recoge el formulario",
        "Para qué",
        "Quién los ve",
        "Cuánto tiempo los conservamos",
        "Retirar o corregir una entrada",
    ]
    for field in ["El nombre de su organización", "Su ciudad y su sitio web", "correo electrónico"]:
        assert field in main
    # The period the purge applies, in Spanish; the link leads to the Spanish join page.
    assert "durante 45 días después de que un editor haya decidido" in main
    assert "180 días" not in main
    assert '<a href="/es/join/">Agregue su organización</a>' in main
    assert "¿Ya figura en la lista? Quite o corrija su entrada" in main
    for english in ["Privacy notice", "What the form collects", "Who sees it", "We keep"]:
        assert english not in html
    assert 'lang="en"' not in main


@pytest.mark.django_db
def test_every_seeded_spanish_page_is_a_complete_wagtail_localize_translation(bilingual_site):
    translations = Translation.objects.filter(target_locale__language_code="es")
    # The statement, Take Action, Join, About and Privacy pages.
    assert translations.count() == 5
    for translation in translations:
        total, translated = translation.get_progress()
        assert total > 0 and translated == total, translation.source.object_repr
        assert translation.enabled  # kept in sync with the English by "Sync translated pages"
    assert StringTranslation.objects.filter(locale__language_code="es").exists()


@pytest.mark.django_db
def test_the_spanish_statement_awaits_review_and_the_other_pages_do_not(bilingual_site):
    spanish = Page.objects.filter(locale__language_code="es").specific()
    statement = next(page for page in spanish if isinstance(page, StatementPage))

    assert statement.live
    assert statement.workflow_in_progress
    assert statement.current_workflow_task.name == "Reviewer approval"
    assert [page.title for page in spanish if page.workflow_in_progress] == [statement.title]
    # The English statement was not put to review by the seed.
    english = StatementPage.objects.get(locale__language_code="en")
    assert not english.workflow_in_progress


@pytest.mark.django_db
def test_seeding_again_keeps_the_translations_and_an_editors_change(client, bilingual_site):
    spanish = StatementPage.objects.get(locale__language_code="es")
    spanish.title = "Nuestra declaración"
    spanish.save_revision().publish()
    strings = StringTranslation.objects.count()

    report = build_page_tree(read_seed().paragraphs)

    assert report.created == [] and report.translated == []
    assert StringTranslation.objects.count() == strings
    assert "<h1>Nuestra declaración</h1>" in client.get("/es/").content.decode()
