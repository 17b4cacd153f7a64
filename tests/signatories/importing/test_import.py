"""Importing signatories from CSV, XLSX and the seed text: the plan, the writes, the command
and the admin's upload → preview → confirm."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from signatories.importing.job import import_rows
from signatories.importing.planning import CREATE, SKIP, UPDATE, plan_import
from signatories.importing.reading import ImportFileError, read_rows
from signatories.models import Signatory
from signatories.seed import SEED_FILE, load_signatories, read_seed

from ...admin_helpers import IMPORT_URL, csv_bytes, upload
from ...factories import SignatoryFactory, UserFactory


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def by_row(plan):
    return {result.number: result for result in plan}


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Signatory editors"], username="listkeeper")


@pytest.fixture
def listed(db):
    return {
        "aclu": SignatoryFactory(name="American Civil Liberties Union", national=True),
        "casa": SignatoryFactory(name="Casa Latina", state="WA", city="Seattle"),
    }


MIXED_FILE = [
    ["Name", "State", "City", "Website", "Note"],
    ["New Org", "Texas", "", "https://new.example.org", ""],  # 2: create
    ["american civil liberties union", "National", "", "", ""],  # 3: unchanged
    ["Casa Latina", "wa", "", "https://casa.example.org", ""],  # 4: update
    ["", "TX", "", "", ""],  # 5: blank name
    ["Somewhere Org", "Atlantis", "", "", ""],  # 6: unknown state
    ["The New Org.", "TX", "", "", ""],  # 7: duplicate of 2
    ["FTP Org", "CA", "", "ftp://files.example.org", ""],  # 8: website not http(s)
    ["", "", "", "", ""],  # 9: an empty row is no row at all
]


def test_plan_reports_every_row_with_its_number_and_writes_nothing(listed):
    plan = plan_import(read_rows("list.csv", csv_bytes(MIXED_FILE)))

    rows = by_row(plan)
    assert sorted(rows) == [2, 3, 4, 5, 6, 7, 8]
    assert rows[2].action == CREATE
    assert rows[2].group == "Texas"
    assert rows[3].action == SKIP and rows[3].unchanged
    assert rows[4].action == UPDATE
    assert rows[4].changes == {"website": ["", "https://casa.example.org"]}
    assert rows[5].reason == "The name is blank."
    assert rows[6].reason == "Unknown state “Atlantis”."
    assert rows[7].reason == "Duplicate of row 2."
    assert rows[8].reason == "The website is not an http(s) address."
    assert plan.counts() == {"created": 1, "updated": 1, "unchanged": 1, "skipped": 4}
    assert Signatory.objects.count() == 2
    assert Signatory.objects.get(name="Casa Latina").website == ""


def test_state_column_takes_a_code_a_name_or_national(db):
    rows = read_rows(
        "states.csv",
        csv_bytes(
            [
                ["name", "state"],
                ["One", "ny"],
                ["Two", "new york"],
                ["Three", "National"],
                ["Four", "District of Columbia"],
            ]
        ),
    )
    groups = [(result.values["level"], result.values["state"]) for result in plan_import(rows)]
    assert groups == [("state", "NY"), ("state", "NY"), ("national", ""), ("state", "DC")]


def test_level_and_state_must_agree(db):
    rows = read_rows(
        "levels.csv",
        csv_bytes(
            [
                ["name", "level", "state"],
                ["National One", "national", ""],
                ["Confused", "national", "TX"],
                ["No State", "state", ""],
                ["Odd Level", "county", "TX"],
            ]
        ),
    )
    reasons = [result.reason for result in plan_import(rows)]
    assert reasons == [
        "",
        "A national organization has no state.",
        "The state is blank: give a state or National.",
        "Unknown level “county”: use national or state.",
    ]


def test_import_publishes_each_new_signatory_with_the_importer_in_its_history(editor):
    rows = read_rows("one.csv", csv_bytes([["name", "state"], ["Casa Latina", "WA"]]))

    plan = import_rows(rows, user=editor)

    assert plan.counts()["created"] == 1
    signatory = Signatory.objects.get(name="Casa Latina")
    assert signatory.live
    assert signatory.latest_revision.user == editor
    actions = {entry.action: entry.user for entry in ModelLogEntry.objects.for_instance(signatory)}
    assert actions == {"wagtail.create": editor, "wagtail.publish": editor}


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
    assert {entry.action for entry in entries} == {"wagtail.edit", "wagtail.publish"}


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


def test_xlsx_rows_are_numbered_as_the_spreadsheet_shows_them(db):
    content = xlsx_bytes(
        [
            ["Organization name", "State code", "Published", "City"],
            ["Casa Latina", "WA", True, None],
            [None, None, None, None],
            ["Draft Org", "Washington", False, 98101],
            ["", "WA", True, "Seattle"],
        ]
    )
    plan = plan_import(read_rows("list.xlsx", content))

    rows = by_row(plan)
    assert sorted(rows) == [2, 4, 5]
    assert rows[2].values["published"] is True
    assert rows[4].values["published"] is False
    assert rows[4].values["city"] == "98101"
    assert rows[5].reason == "The name is blank."


def test_seed_text_file_imports_with_line_numbers(db):
    text = (
        "The statement.\n\nNATIONAL\nPraxis Project\n\n"
        "Iowa\nIowa CCI (for identification purposes only)\n"
    )
    plan = plan_import(read_rows("statement.txt", text.encode()))
    assert [(r.number, r.name, r.group) for r in plan] == [
        (4, "Praxis Project", "National"),
        (7, "Iowa CCI", "Iowa"),
    ]
    assert plan.results[1].values["note"] == "for identification purposes only"


def test_the_seed_file_is_unchanged_after_the_seed_loader_ran(db):
    load_signatories(read_seed().signatories)
    plan = plan_import(read_rows("statement.txt", SEED_FILE.read_bytes()))
    counts = plan.counts()
    assert counts["created"] == counts["updated"] == counts["skipped"] == 0
    assert counts["unchanged"] == Signatory.objects.count()


def test_protected_formula_cells_import_as_written(db):
    rows = read_rows("formula.csv", csv_bytes([["name", "state", "note"], ["Org", "WA", "'=1+1"]]))
    assert plan_import(rows).results[0].values["note"] == "=1+1"


def test_invisible_characters_are_removed_and_the_name_flagged(db):
    rows = read_rows("hidden.csv", csv_bytes([["name", "state"], ["Casa\u200bLatina", "WA"]]))
    result = plan_import(rows).results[0]
    assert result.name == "CasaLatina"
    assert result.warnings and "Invisible" in result.warnings[0]


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("list.csv", b"organization,where\nX,TX\n", "must name the columns"),
        ("list.csv", b"", "The file is empty."),
        ("list.csv", "name,state\nCaf\xe9,TX\n".encode("latin-1"), "not UTF-8"),
        ("list.xlsx", b"not a workbook", "could not be read as an Excel workbook"),
        ("list.txt", b"Just a paragraph.\n", "not in the seed format"),
        ("list.pdf", b"%PDF", "Choose a .csv, .xlsx or .txt file."),
    ],
)
def test_unreadable_files_say_why(filename, content, message):
    with pytest.raises(ImportFileError, match=message):
        read_rows(filename, content)


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("list.csv", csv_bytes([["name", "state"], ["One", "TX"], ["Two", "TX"], ["Three", "TX"]])),
        ("list.xlsx", xlsx_bytes([["name", "state"], ["One", "TX"], ["Two", "TX"], ["3", "TX"]])),
        ("list.txt", b"NATIONAL\nOne Org\nTwo Org\nThree Org\n"),
    ],
)
def test_a_row_limit_applies_to_every_format(filename, content):
    with pytest.raises(ImportFileError, match="more than 2 rows"):
        read_rows(filename, content, max_rows=2)
    assert len(read_rows(filename, content, max_rows=3)) == 3


def test_semicolon_separated_csv_is_read(db):
    rows = read_rows("excel.csv", b"name;state\nCasa Latina;WA\n")
    assert rows[0].values == {"name": "Casa Latina", "state": "WA"}


# The command


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
    assert "row 6: Unknown state “Atlantis”." in output
    assert "row 7: Duplicate of row 2." in output
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
    with pytest.raises(CommandError, match="must name the columns"):
        run_command(bad)


# The admin


@pytest.fixture
def editor_client(client, editor):
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
    assert response["Location"] == reverse("wagtailsnippets_signatories_signatory:list")
    new_org = Signatory.objects.get(name="New Org")
    assert new_org.live
    assert new_org.latest_revision.user == editor
    assert Signatory.objects.get(name="Casa Latina").website == "https://casa.example.org"
    listing = editor_client.get(response["Location"]).content.decode()
    assert "1 created, 1 updated, 1 unchanged, 4 skipped." in listing


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
        ("list.csv", b"who,where\nX,TX\n", "must name the columns"),
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
