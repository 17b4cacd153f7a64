"""The admin's import: upload, preview, confirm; stale previews, upload errors, and who may."""

import pytest
from django.urls import reverse

from signatories.models import ImportJob, Signatory

from ...admin_helpers import IMPORT_URL, csv_bytes, upload
from ...factories import SignatoryFactory, UserFactory
from .import_files import MIXED_FILE


@pytest.fixture
def editor_client(client, editor):
    """Logged in as ``editor``, the user an import's history must name."""
    client.force_login(editor)
    return client


def test_upload_shows_a_preview_and_confirming_imports_it(editor_client, editor, listed):
    form = editor_client.get(IMPORT_URL)
    assert form.status_code == 200
    assert 'type="file"' in form.content.decode()

    preview = upload(editor_client, csv_bytes(MIXED_FILE))

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Preview: nothing has been imported yet" in html
    assert "1 to create, 1 to update, 1 unchanged, 4 skipped." in html
    assert "Unknown state “Atlantis”." in html
    assert "Duplicate of row 2." in html
    assert not Signatory.objects.filter(name="New Org").exists()

    response = editor_client.post(IMPORT_URL, {"confirm": preview.context["digest"]})

    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("signatories_import_job", args=[job.pk])
    new_org = Signatory.objects.get(name="New Org")
    assert new_org.live
    assert new_org.latest_revision.user == editor
    assert Signatory.objects.get(name="Casa Latina").website == "https://casa.example.org"
    page = editor_client.get(response["Location"]).content.decode()
    assert "Status: Done" in page
    assert "1 created, 1 updated, 1 unchanged and 4 skipped of 7 rows in the file." in page
    assert "Unknown state “Atlantis”." in page  # the skipped rows stay on record


def test_confirming_twice_or_an_old_preview_imports_nothing(editor_client, listed):
    first = upload(editor_client, csv_bytes([["name", "state"], ["First Org", "TX"]]))
    second = upload(editor_client, csv_bytes([["name", "state"], ["Second Org", "TX"]]))

    # The first tab's preview is no longer the one in the session.
    stale = editor_client.post(IMPORT_URL, {"confirm": first.context["digest"]}, follow=True)
    assert "no longer current" in stale.content.decode()
    assert not Signatory.objects.filter(name__in=["First Org", "Second Org"]).exists()

    editor_client.post(IMPORT_URL, {"confirm": second.context["digest"]})
    replay = editor_client.post(IMPORT_URL, {"confirm": second.context["digest"]}, follow=True)
    assert "no longer current" in replay.content.decode()
    assert Signatory.objects.filter(name="Second Org").count() == 1


def test_a_list_changed_since_the_preview_is_shown_again_before_importing(editor_client, db):
    preview = upload(editor_client, csv_bytes([["name", "state"], ["Race Org", "TX"]]))
    SignatoryFactory(name="Race Org", state="TX")  # Someone else added it meanwhile.

    response = editor_client.post(IMPORT_URL, {"confirm": preview.context["digest"]})

    assert response.status_code == 200
    assert "The list changed since this preview" in response.content.decode()
    assert response.context["counts"]["unchanged"] == 1
    assert Signatory.objects.filter(name="Race Org").count() == 1


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("list.pdf", b"%PDF-1.4", "File extension “pdf” is not allowed"),
        ("list.csv", b"name,state\n", "no signatories to import"),
        ("list.csv", b"name,state\n" + b"x" * (5 * 1024 * 1024), "the limit is 5.0"),
    ],
)
def test_upload_errors_are_explained(editor_client, filename, content, message):
    response = upload(editor_client, content, filename)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Preview: nothing has been imported yet" not in response.content.decode()


def test_communications_staff_may_not_import(client, db):
    client.force_login(UserFactory(groups=["Communications"]))
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    upload(client, csv_bytes([["name", "state"], ["Sneaky Org", "TX"]]))
    assert not Signatory.objects.filter(name="Sneaky Org").exists()


def test_listing_links_to_the_import(editor_client, db):
    listing = reverse("wagtailsnippets_signatories_signatory:list")
    assert IMPORT_URL in editor_client.get(listing).content.decode()
