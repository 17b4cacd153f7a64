"""A signatory editor imports a spreadsheet: upload, check the preview, confirm, watch the job
on the task worker reach "done", and find the new names in their history and on the statement."""

from playwright.sync_api import expect

from signatories.models import ImportJob, Signatory

from .conftest import log_in, screenshot

SPREADSHEET = (
    b"Name,State,City,Website\n"
    b"Imported Neighbors Alliance,TX,Austin,https://neighbors.example.org\n"
    b"Imported Harbor Collective,WA,Tacoma,\n"
    b"Nowhere Org,Atlantis,,\n"
)


def test_an_editor_imports_a_file_and_watches_the_job_finish(page, stack, people):
    editor = page
    log_in(editor, people["signatory_editor"])
    editor.goto("/admin/signatories/import/")
    editor.set_input_files(
        "input[type=file]",
        files=[{"name": "partners.csv", "mimeType": "text/csv", "buffer": SPREADSHEET}],
    )
    editor.get_by_role("button", name="Preview").click()

    expect(editor.get_by_text("Preview: nothing has been imported yet")).to_be_visible()
    expect(editor.get_by_text("2 to create, 0 to update, 0 unchanged, 1 skipped.")).to_be_visible()
    expect(editor.get_by_text("Unknown state “Atlantis”.")).to_be_visible()
    assert not Signatory.objects.filter(name__startswith="Imported ").exists()
    editor.get_by_label("Published").check()
    editor.get_by_role("button", name="Import", exact=True).click()

    # The job's page reloads itself until the task worker has written every row.
    expect(editor.locator(".import-job-status")).to_have_attribute(
        "data-status", "done", timeout=90_000
    )
    expect(editor.get_by_text("2 of 2 rows written")).to_be_visible()
    expect(editor.get_by_text("Unknown state “Atlantis”.")).to_be_visible()
    screenshot(editor, "import-job-done")
    job = ImportJob.objects.latest("pk")
    assert job.user.username == people["signatory_editor"].username
    assert job.status == ImportJob.Status.DONE

    # Each new signatory's history names the import, under the editor who confirmed it.
    imported = Signatory.objects.get(name="Imported Harbor Collective")
    editor.goto(f"/admin/snippets/signatories/signatory/history/{imported.pk}/")
    expect(
        editor.get_by_text(f"Imported from “partners.csv” (import {job.pk}, row 3)")
    ).to_be_visible()

    editor.goto("/")
    expect(editor.get_by_text("Imported Neighbors Alliance")).to_be_visible()
    expect(editor.get_by_text("Imported Harbor Collective")).to_be_visible()
    expect(editor.get_by_text("Nowhere Org")).to_have_count(0)
