"""The page tree in two languages: the seed publishes Spanish copies under /es/, runs again
without changes and leaves an editor's copy alone, each language has one statement, and a
language is served as soon as its locale exists."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from home.models import StatementPage, TakeActionPage
from home.seed import build_page_tree
from signatories.models import JoinPage


@pytest.mark.django_db
def test_seed_publishes_spanish_copies_under_es_and_runs_again_without_changes(client):
    build_page_tree(["We stand together."])
    spanish = Locale.objects.get(language_code="es")
    statement_es = StatementPage.objects.get(locale=spanish)
    assert statement_es.live and statement_es.url == "/es/"
    assert (
        statement_es.translation_key
        == StatementPage.objects.get(locale__language_code="en").translation_key
    )
    assert TakeActionPage.objects.get(locale=spanish).url == "/es/take-action/"
    assert JoinPage.objects.get(locale=spanish).url == "/es/join/"
    pages = Page.objects.count()

    report = build_page_tree(["We stand together."])

    # The statement, Take Action, Join, About and Privacy notice, in each language.
    assert report.created == [] and len(report.existing) == 10
    assert Page.objects.count() == pages
    for url in ["/es/", "/es/take-action/", "/es/join/", "/", "/join/", "/es/privacy/"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_one_statement_per_language(bilingual_site):
    root = Page.get_first_root_node()
    assert not StatementPage.can_create_at(root)
    second = StatementPage(title="Another", slug="another", locale=Locale.get_default())
    with pytest.raises(ValidationError, match="already a statement page in this language"):
        root.add_child(instance=second)


@pytest.mark.django_db
def test_the_seed_translates_untouched_copies_but_not_edited_ones(client, site_pages):
    """Copies made before wagtail-localize (still the English text) get the Spanish; a copy an
    editor has worked on is theirs."""
    spanish = Locale.objects.create(language_code="es")
    copies = {}
    for name in ["statement", "take_action", "join"]:
        copies[name] = site_pages[name].copy_for_translation(spanish, copy_parents=True)
        copies[name].save_revision().publish()
    join = copies["join"]
    join.title = "Únase"
    join.save_revision().publish()

    report = build_page_tree(["We stand together."])

    translated = {page.pk for page in report.translated}
    assert copies["statement"].pk in translated and copies["take_action"].pk in translated
    assert join.pk not in translated
    managed = Translation.objects.filter(target_locale=spanish)
    # The two untouched copies, and the About and Privacy pages the seed added.
    assert managed.count() == 4
    assert "<h1>Únase</h1>" in client.get("/es/join/").content.decode()


def test_a_locale_added_after_a_miss_is_found(db):
    """A language whose Locale is added later is served in it at once, in the same process."""
    with translation.override("es"):
        Locale.objects.filter(language_code="es").delete()
        assert Locale.get_active().language_code == "en"  # no Spanish yet: the default
        Locale.objects.create(language_code="es")
        assert Locale.get_active().language_code == "es"
