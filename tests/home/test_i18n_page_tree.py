"""The page tree in two languages: the seed publishes Spanish copies under /es/ and runs again
without changes, and each language has one statement."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page

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
