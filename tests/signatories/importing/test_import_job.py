"""What an import writes: new signatories published with the importer in their history, updates
as revisions, blank cells never clearing a listing, and nothing new on a second run."""

from wagtail.models import ModelLogEntry

from signatories.importing.job import import_rows
from signatories.importing.reading import read_rows
from signatories.models import Signatory

from ...admin_helpers import csv_bytes
from ...factories import SignatoryFactory
from .import_files import MIXED_FILE


def test_import_publishes_each_new_signatory_with_the_importer_in_its_history(editor):
    rows = read_rows("one.csv", csv_bytes([["name", "state"], ["Casa Latina", "WA"]]))

    plan = import_rows(rows, user=editor)

    assert plan.counts()["created"] == 1
    signatory = Signatory.objects.get(name="Casa Latina")
    assert signatory.live
    assert signatory.latest_revision.user == editor
    actions = {entry.action: entry.user for entry in ModelLogEntry.objects.for_instance(signatory)}
    assert actions == {
        "wagtail.create": editor,
        "wagtail.publish": editor,
        "signatories.import": editor,
    }


def test_published_column_can_keep_a_new_signatory_off_the_list(editor):
    rows = read_rows(
        "drafts.csv",
        csv_bytes([["name", "state", "published"], ["Draft Org", "WA", "no"], ["Live", "WA", ""]]),
    )
    import_rows(rows, user=editor)
    assert not Signatory.objects.get(name="Draft Org").live
    assert Signatory.objects.get(name="Live").live


def test_update_of_a_listed_signatory_is_published_as_a_revision(listed, editor):
    rows = read_rows(
        "update.csv",
        csv_bytes([["name", "state", "note"], ["Casa Latina", "WA", "Seattle chapter"]]),
    )
    import_rows(rows, user=editor)

    casa = Signatory.objects.get(pk=listed["casa"].pk)
    assert casa.note == "Seattle chapter"
    assert casa.live
    assert casa.latest_revision.user == editor
    entries = ModelLogEntry.objects.for_instance(casa).filter(user=editor)
    assert {entry.action for entry in entries} == {
        "wagtail.edit",
        "wagtail.publish",
        "signatories.import",
    }


def test_update_of_an_unpublished_signatory_does_not_publish_it(editor):
    withdrawn = SignatoryFactory(name="Withdrawn Org", state="WA", live=False)
    rows = read_rows(
        "update.csv", csv_bytes([["name", "state", "city"], ["Withdrawn Org", "WA", "Tacoma"]])
    )
    import_rows(rows, user=editor)
    withdrawn.refresh_from_db()
    assert withdrawn.city == "Tacoma"
    assert not withdrawn.live


def test_blank_cells_never_clear_what_is_listed(listed, editor):
    rows = read_rows(
        "blank.csv", csv_bytes([["name", "state", "city", "note"], ["Casa Latina", "WA", "", ""]])
    )
    plan = import_rows(rows, user=editor)
    assert plan.counts()["unchanged"] == 1
    assert Signatory.objects.get(pk=listed["casa"].pk).city == "Seattle"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(listed, editor):
    rows = read_rows("list.csv", csv_bytes(MIXED_FILE))
    import_rows(rows, user=editor)
    revisions = sum(signatory.revisions.count() for signatory in Signatory.objects.all())

    second = import_rows(rows, user=editor)

    assert second.counts()["created"] == 0
    assert second.counts()["updated"] == 0
    assert second.counts()["unchanged"] == 3
    assert sum(signatory.revisions.count() for signatory in Signatory.objects.all()) == revisions
