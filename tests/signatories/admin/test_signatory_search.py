"""The signatory listing's search reads the table: a signatory is found the moment it is saved,
with the task worker stopped, whatever the accents and case, and in a bounded number of
queries; the downloads too take the same queries for any number of rows."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from wagtail.search.models import IndexEntry

from signatories.models import Signatory

from ...admin_helpers import create_form_data, listed_names, signatory_url
from ...factories import SignatoryFactory, UserFactory
from ...task_helpers import DATABASE_TASKS


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client


def search(client, query, **filters):
    return listed_names(client.get(signatory_url("list"), {"q": query, **filters}))


@override_settings(TASKS=DATABASE_TASKS)
def test_a_signatory_just_created_is_found_before_any_worker_runs(editor_client):
    response = editor_client.post(
        signatory_url("add"), create_form_data("Fresh Coalition for Justice", state="OR")
    )
    assert response.status_code == 302
    created = Signatory.objects.get(name="Fresh Coalition for Justice")
    # Its index update waits in the queue: the search index does not know it yet.
    assert DBTaskResult.objects.ready().exists()
    content_type = ContentType.objects.get_for_model(Signatory)
    assert not IndexEntry.objects.filter(content_type=content_type, object_id=created.pk).exists()

    assert search(editor_client, "fresh coalition") == ["Fresh Coalition for Justice"]


def test_search_ignores_accents_case_and_punctuation(editor_client):
    SignatoryFactory(name="Asociación de Trabajadores Agrícolas", state="CA")
    SignatoryFactory(name="P.E.A.C.E", state="IL")
    SignatoryFactory(name="Trabajo Digno", state="TX")

    assert search(editor_client, "asociacion agricolas") == ["Asociación de Trabajadores Agrícolas"]
    assert search(editor_client, "ASOCIACIÓN") == ["Asociación de Trabajadores Agrícolas"]
    assert search(editor_client, "peace") == ["P.E.A.C.E"]
    # Words match from their start: "bajo" is inside "Trabajo" but begins no word.
    assert search(editor_client, "bajo") == []


def test_search_finds_a_state_by_its_name_or_code_and_a_city(editor_client):
    SignatoryFactory(name="Border Network", state="TX", city="El Paso")
    SignatoryFactory(name="Casa Latina", state="WA", city="Seattle")
    SignatoryFactory(name="National Network", national=True)

    assert search(editor_client, "texas") == ["Border Network"]
    assert search(editor_client, "tx") == ["Border Network"]
    assert search(editor_client, "seattle") == ["Casa Latina"]
    assert search(editor_client, "network washington") == []
    # One letter is a name's word start, never a state: "n" is not New York, North Dakota...
    assert search(editor_client, "n") == ["National Network", "Border Network"]


def test_every_word_must_match_and_filters_still_apply(editor_client):
    SignatoryFactory(name="Casa Latina", state="WA")
    SignatoryFactory(name="Casa de Maryland", state="MD")

    assert sorted(search(editor_client, "casa")) == ["Casa Latina", "Casa de Maryland"]
    assert search(editor_client, "casa latina") == ["Casa Latina"]
    assert search(editor_client, "casa", state="MD") == ["Casa de Maryland"]


def queries_for(client, params, stream=False):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(signatory_url("list"), params)
        assert response.status_code == 200
        if stream:
            b"".join(response.streaming_content)
        else:
            response.content  # noqa: B018 - rendered in full
    return len(queries)


@pytest.mark.parametrize(
    ("params", "stream"),
    [
        ({"q": "community"}, False),
        ({"export": "csv"}, True),
        ({"export": "xlsx"}, True),
    ],
)
def test_search_and_downloads_take_the_same_queries_for_more_rows(editor_client, params, stream):
    for number in range(3):
        SignatoryFactory(name=f"Community Group {number}", state="CA")
    few = queries_for(editor_client, params, stream)
    for number in range(3, 40):
        SignatoryFactory(name=f"Community Group {number}", state=("CA", "TX", "NY")[number % 3])

    assert queries_for(editor_client, params, stream) == few
