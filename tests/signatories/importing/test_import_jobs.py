"""Import jobs: written in short batches, as drafts or published, each signatory with its own
history entry naming the job and the statement revision it signed; resumed after a stop
without writing a row twice; rolled back as a whole."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from signatories.importing import tasks
from signatories.importing.job import Batch, create_job, import_rows, run_job
from signatories.importing.planning import plan_import
from signatories.importing.reading import read_rows
from signatories.joining.email_tasks import send_due_emails
from signatories.models import ImportJob, Signatory

from ...admin_helpers import csv_bytes, signatory_url
from ...factories import SignatoryFactory, UserFactory


def new_rows(count, start=0):
    """``count`` rows of new organizations in Texas."""
    rows = [["name", "state"]] + [[f"Org {n:05d}", "TX"] for n in range(start, start + count)]
    return read_rows("many.csv", csv_bytes(rows))


def job_url(job):
    return reverse("signatories_import_job", args=[job.pk])


def test_rows_are_written_in_batches_each_committed_with_the_jobs_progress(editor):
    job = create_job(plan_import(new_rows(12)), filename="many.csv", user=editor)
    with CaptureQueriesContext(connection) as queries:
        run_job(job.pk, batch=Batch(size=5, seconds=None, pause=0))

    # Between two saves of the job's progress, at most one batch of signatories is inserted:
    # a batch's rows and the record of them are one transaction, and no transaction is longer.
    inserted, batches = 0, []
    for query in queries.captured_queries:
        sql = query["sql"]
        if sql.startswith('INSERT INTO "signatories_signatory"'):
            inserted += 1
        elif sql.startswith('UPDATE "signatories_importjob" SET "written"'):
            batches.append(inserted)
            inserted = 0
    assert batches == [5, 5, 2]
    assert Signatory.objects.count() == 12
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.created_count == 12


def test_a_batch_ends_when_its_time_is_up_whatever_its_size(editor):
    job = create_job(plan_import(new_rows(3)), filename="slow.csv", user=editor)
    with CaptureQueriesContext(connection) as queries:
        run_job(job.pk, batch=Batch(size=200, seconds=0, pause=0))
    progress_saves = [
        query
        for query in queries.captured_queries
        if query["sql"].startswith('UPDATE "signatories_importjob" SET "written"')
    ]
    assert len(progress_saves) == 3  # one row each: a row always gets written
    assert Signatory.objects.count() == 3


def test_a_turn_on_the_worker_ends_after_its_time_and_queues_the_rest(editor):
    job = create_job(plan_import(new_rows(7)), filename="turns.csv", user=editor)

    job = run_job(job.pk, batch=Batch(size=5, seconds=None, pause=0), seconds=0)

    assert job.status == ImportJob.Status.QUEUED
    assert job.done_count == 5  # every turn writes at least one batch
    job = run_job(job.pk, batch=Batch(size=5, seconds=None, pause=0), seconds=0)
    assert job.done_count == 7
    job = run_job(job.pk, seconds=0)
    assert job.status == ImportJob.Status.DONE
    assert Signatory.objects.count() == 7


def test_imported_signatories_record_the_statement_revision_live_at_import(site_pages, editor):
    revision = site_pages["statement"].save_revision()
    revision.publish()

    import_rows(new_rows(2), user=editor)

    assert ImportJob.objects.get().statement_revision == revision
    assert {s.signed_revision for s in Signatory.objects.all()} == {revision}


def test_drafts_are_saved_for_review_and_change_nothing_on_the_list(listed, editor):
    rows = read_rows(
        "drafts.csv",
        csv_bytes([["name", "state", "note"], ["Draft Org", "TX", ""], ["Casa Latina", "WA", "x"]]),
    )
    import_rows(rows, user=editor, mode=ImportJob.Mode.DRAFTS)

    draft = Signatory.objects.get(name="Draft Org")
    assert not draft.live
    assert draft.latest_revision.user == editor
    casa = Signatory.objects.get(pk=listed["casa"].pk)
    assert casa.live
    assert casa.note == ""  # the list still shows what it showed
    assert casa.has_unpublished_changes
    assert casa.get_latest_revision_as_object().note == "x"
    assert not ModelLogEntry.objects.filter(action="wagtail.publish").exists()


def test_each_imported_signatory_shows_its_import_in_its_history(admin_client, listed, editor):
    rows = read_rows(
        "three.csv",
        csv_bytes(
            [
                ["name", "state", "note"],
                ["First Org", "TX", ""],
                ["Second Org", "TX", ""],
                ["Casa Latina", "WA", "Seattle chapter"],
            ]
        ),
    )
    import_rows(rows, user=editor, filename="three.csv")
    job = ImportJob.objects.get()

    for name, row in (("First Org", 2), ("Second Org", 3), ("Casa Latina", 4)):
        signatory = Signatory.objects.get(name=name)
        history = admin_client.get(signatory_url("history", signatory.pk)).content.decode()
        assert "There are no log entries" not in history, name
        assert f"Imported from “three.csv” (import {job.pk}, row {row})" in history, name
        assert editor.get_username() in history


def test_a_row_added_by_someone_since_the_preview_is_skipped_alone(admin_client, editor):
    plan = plan_import(new_rows(3))
    job = create_job(plan, filename="race.csv", user=editor)
    SignatoryFactory(name="Org 00001", state="TX")  # someone else, between preview and run

    job = run_job(job.pk)

    assert job.status == ImportJob.Status.DONE
    assert job.created_count == 2
    assert Signatory.objects.filter(name="Org 00001").count() == 1
    skipped = [entry for entry in job.written.values() if entry["action"] == "skip"]
    assert skipped == [
        {"action": "skip", "number": 3, "reason": "Added to the list since the preview."}
    ]
    page = admin_client.get(job_url(job)).content.decode()
    assert "Added to the list since the preview." in page
    assert "2 created, 0 updated" in page


def test_a_job_that_failed_mid_way_resumes_from_its_last_batch_writing_each_row_once(
    admin_client, editor
):
    job = create_job(plan_import(new_rows(13)), filename="big.csv", user=editor)
    # A row the database cannot take: the second batch fails and rolls back as a whole.
    broken = 7
    good_values = job.rows[broken]["values"]
    job.rows[broken]["values"] = {**good_values, "no_such_field": "x"}
    job.save()

    job = run_job(job.pk, batch=Batch(size=5, seconds=None, pause=0))

    assert job.status == ImportJob.Status.FAILED
    assert "no_such_field" in job.error
    assert job.done_count == 5
    assert Signatory.objects.count() == 5
    page = admin_client.get(job_url(job)).content.decode()
    assert "Status: Failed" in page
    assert "Resume from the first row not written" in page

    job.rows[broken]["values"] = good_values  # the cause, fixed
    job.save()
    admin_client.post(job_url(job), {"resume": "1"})

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.resumes == 1
    assert Signatory.objects.count() == 13
    assert job.created_count == 13
    page = admin_client.get(job_url(job)).content.decode()
    assert "Status: Done" in page
    assert "Resumed once after stopping." in page


def test_a_running_job_whose_progress_stalled_counts_as_interrupted_and_resumes(
    admin_client, editor
):
    job = create_job(plan_import(new_rows(3)), filename="stalled.csv", user=editor)
    # As a worker killed mid-job leaves it: running, its progress long unmoved.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, progress_at=timezone.now() - timedelta(hours=1)
    )
    recent = create_job(plan_import(new_rows(1, start=9)), filename="busy.csv", user=editor)
    ImportJob.objects.filter(pk=recent.pk).update(
        status=ImportJob.Status.RUNNING, progress_at=timezone.now()
    )

    listing = admin_client.get(reverse("signatories_import_jobs")).content.decode()
    assert "Interrupted" in listing
    busy_page = admin_client.get(job_url(recent)).content.decode()
    assert "Status: Running" in busy_page
    assert 'http-equiv="refresh"' in busy_page
    assert "Resume from the first row not written" not in busy_page
    admin_client.post(job_url(recent), {"resume": "1"})
    assert not Signatory.objects.filter(name="Org 00009").exists()  # a live job is left alone

    admin_client.post(job_url(job), {"resume": "1"})

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Signatory.objects.filter(name__startswith="Org 0000").count() == 3
    assert 'http-equiv="refresh"' not in admin_client.get(job_url(job)).content.decode()


def test_rolling_back_deletes_what_was_added_and_puts_back_what_was_changed(
    admin_client, listed, editor
):
    rows = read_rows(
        "undo.csv",
        csv_bytes(
            [
                ["name", "state", "city", "note"],
                ["New Org", "TX", "", ""],
                ["Casa Latina", "WA", "Tacoma", "Seattle chapter"],
            ]
        ),
    )
    import_rows(rows, user=editor, filename="undo.csv")
    job = ImportJob.objects.get()
    casa = Signatory.objects.get(pk=listed["casa"].pk)
    assert (casa.city, casa.note) == ("Tacoma", "Seattle chapter")
    # An editor's own change after the import is theirs: a rollback keeps it.
    casa.city = "Spokane"
    casa.save_revision().publish()
    asking = admin_client.get(job_url(job) + "?confirm=roll_back").content.decode()
    assert "every signatory this import added (1) and puts back every one it changed (1)" in asking
    assert Signatory.objects.filter(name="New Org").exists()  # asking deletes nothing

    admin_client.post(job_url(job), {"roll_back": "1"})

    job.refresh_from_db()
    assert job.status == ImportJob.Status.ROLLED_BACK
    assert not Signatory.objects.filter(name="New Org").exists()
    casa.refresh_from_db()
    assert casa.live
    assert (casa.city, casa.note) == ("Spokane", "")
    rollback = ModelLogEntry.objects.for_instance(casa).get(action="signatories.import_rollback")
    assert rollback.user.get_username() == "admin"
    page = admin_client.get(job_url(job)).content.decode()
    assert "Status: Rolled back" in page
    assert "Rolled back by admin" in page
    assert "Roll back the whole import" not in page
    assert "Resume from the first row not written" not in page


def test_a_failed_job_can_be_rolled_back_instead_of_resumed(admin_client, editor):
    job = create_job(plan_import(new_rows(7)), filename="x.csv", user=editor)
    job.rows[-1]["values"] = {**job.rows[-1]["values"], "no_such_field": "x"}
    job.save()
    run_job(job.pk, batch=Batch(size=5, seconds=None, pause=0))
    assert Signatory.objects.count() == 5

    admin_client.post(job_url(job), {"roll_back": "1"})

    job.refresh_from_db()
    assert job.status == ImportJob.Status.ROLLED_BACK
    assert not Signatory.objects.exists()
    admin_client.post(job_url(job), {"resume": "1"})
    assert not Signatory.objects.exists()  # rolled back is final


def test_an_import_goes_before_the_email_sweeps_already_waiting_on_the_worker(editor, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    earlier = timezone.now() - timedelta(minutes=5)
    send_due_emails.using(run_after=earlier).enqueue()
    send_due_emails.enqueue()

    tasks.start(create_job(plan_import(new_rows(2)), filename="first.csv", user=editor))

    queue = [result.task_path for result in DBTaskResult.objects.ready()]
    assert queue[0] == "signatories.importing.tasks.run_import_job"
    assert len(queue) == 3


def test_only_someone_who_may_delete_signatories_can_roll_an_import_back(client, editor):
    import_rows(new_rows(1), user=editor)
    job = ImportJob.objects.get()
    importer = UserFactory(is_staff=True)
    admin_access = Permission.objects.get(codename="access_admin")
    adding = Permission.objects.filter(
        codename__in=["add_signatory", "publish_signatory"], content_type__app_label="signatories"
    )
    importer.user_permissions.set([admin_access, *adding])
    client.force_login(importer)

    page = client.get(job_url(job)).content.decode()
    assert "Status: Done" in page
    assert "Roll back the whole import" not in page
    client.post(job_url(job), {"roll_back": "1"})

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Signatory.objects.filter(name="Org 00000").exists()
