"""Every change to a signatory is on record: who, what and when, and deletions too."""

import pytest
from wagtail.models import ModelLogEntry

from signatories.models import Signatory

from ..admin_helpers import create_form_data, signatory_url
from ..factories import SignatoryFactory, UserFactory


@pytest.fixture
def editor_client(client, db):
    editor = UserFactory(groups=["Signatory editors"], username="listkeeper")
    client.force_login(editor)
    client.editor = editor
    return client


def test_an_edit_is_a_revision_and_a_history_entry(editor_client):
    signatory = SignatoryFactory(name="Casa Latina", state="WA")
    response = editor_client.post(
        signatory_url("edit", signatory.pk),
        create_form_data("Casa Latina", note="Seattle chapter", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    signatory.refresh_from_db()
    assert signatory.note == "Seattle chapter"
    revision = signatory.latest_revision
    assert revision.user == editor_client.editor
    assert revision.content["note"] == "Seattle chapter"

    entries = ModelLogEntry.objects.for_instance(signatory)
    assert {entry.action for entry in entries} >= {"wagtail.edit", "wagtail.publish"}
    history = editor_client.get(signatory_url("history", signatory.pk)).content.decode()
    assert "listkeeper" in history
    assert "Published" in history


def test_deleting_asks_first_and_is_logged(editor_client):
    signatory = SignatoryFactory(name="Typo Org", state="WA")
    confirm = editor_client.get(signatory_url("delete", signatory.pk))
    assert confirm.status_code == 200
    assert "Yes, delete" in confirm.content.decode()
    assert Signatory.objects.filter(pk=signatory.pk).exists()

    editor_client.post(signatory_url("delete", signatory.pk))

    assert not Signatory.objects.filter(pk=signatory.pk).exists()
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(signatory.pk))
    assert entry.user == editor_client.editor
    assert entry.label == "Typo Org"
