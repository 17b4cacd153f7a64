"""The ``import_signatories`` command: a dry run, an import as a named user, and its refusals."""

import io

import pytest
from django.core.management import CommandError, call_command

from signatories.models import ImportJob, Signatory

from ...admin_helpers import csv_bytes
from ...factories import UserFactory
from .import_files import MIXED_FILE


@pytest.fixture
def mixed_csv(tmp_path, listed):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes(MIXED_FILE))
    return path


def run_command(*args):
    out = io.StringIO()
    call_command("import_signatories", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_command_dry_run_prints_the_plan_and_writes_nothing(mixed_csv):
    output = run_command(mixed_csv, "--dry-run", "--no-progress")

    assert "Would create: 1 (rows 2)" in output
    assert "Would update: 1 (rows 4)" in output
    assert "Unchanged: 1 (rows 3)" in output
    assert "Skipped: 4 (rows 5-8)" in output
    assert "row 6: State: Unknown state “Atlantis”." in output
    assert "row 7: Name “The New Org.”: Duplicate of row 2." in output
    assert "Dry run: nothing was written." in output
    assert not Signatory.objects.filter(name="New Org").exists()
    assert Signatory.objects.get(name="Casa Latina").website == ""


def test_command_imports_as_the_user_and_a_second_run_changes_nothing(mixed_csv, editor):
    output = run_command(mixed_csv, "--user", editor.username)

    assert "Created: 1 (rows 2)" in output
    assert "Updated: 1 (rows 4)" in output
    new_org = Signatory.objects.get(name="New Org")
    assert new_org.live
    assert new_org.latest_revision.user == editor

    again = run_command(mixed_csv, "--user", editor.username)
    assert "Created: 0" in again
    assert "Updated: 0" in again
    assert "Unchanged: 3 (rows 2-4)" in again


def test_command_refuses_unknown_users_and_users_who_may_not_publish(mixed_csv):
    with pytest.raises(CommandError, match="No user named"):
        run_command(mixed_csv, "--user", "nobody")
    communications = UserFactory(groups=["Communications"])
    with pytest.raises(CommandError, match="may not add and publish"):
        run_command(mixed_csv, "--user", communications.username)
    assert not Signatory.objects.filter(name="New Org").exists()


def test_command_reports_an_unreadable_file(tmp_path, db):
    with pytest.raises(CommandError, match="Cannot read"):
        run_command(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"who,where\n")
    with pytest.raises(CommandError, match="Choose the column that holds each organization's"):
        run_command(bad)


def test_command_writes_through_a_job_and_prints_its_result(mixed_csv, editor):
    output = run_command(mixed_csv, "--user", editor.username, "--no-progress")

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    assert job.user == editor
    assert job.filename == "list.csv"
    assert f"Import {job.pk} finished: 1 created, 1 updated." in output


def test_command_imports_drafts_that_wait_for_review(mixed_csv, editor):
    run_command(mixed_csv, "--user", editor.username, "--drafts", "--no-progress")

    assert not Signatory.objects.get(name="New Org").live
    casa = Signatory.objects.get(name="Casa Latina")
    assert casa.website == ""  # the listing is unchanged until an editor publishes
    assert casa.get_latest_revision_as_object().website == "https://casa.example.org"


def test_command_rolls_back_an_import_and_refuses_to_resume_it(mixed_csv, editor):
    run_command(mixed_csv, "--user", editor.username, "--no-progress")
    job = ImportJob.objects.get()

    output = run_command("--roll-back", job.pk, "--user", editor.username, "--no-progress")

    assert f"Import {job.pk} rolled back: 1 added signatories deleted, 1 changed" in output
    assert not Signatory.objects.filter(name="New Org").exists()
    assert Signatory.objects.get(name="Casa Latina").website == ""
    with pytest.raises(CommandError, match="rolled back: no resuming"):
        run_command("--resume", job.pk)
    with pytest.raises(CommandError, match="No import 999"):
        run_command("--roll-back", 999)


def test_command_can_hand_the_import_to_the_task_worker(mixed_csv, editor):
    # The test settings' task backend runs a task as it is queued.
    output = run_command(mixed_csv, "--user", editor.username, "--background")

    job = ImportJob.objects.get()
    assert f"Import {job.pk} queued for the task worker: /admin/signatories/imports/{job.pk}/" in (
        output
    )
    assert job.status == ImportJob.Status.DONE
    assert Signatory.objects.get(name="New Org").live
