"""The seed statement file, its parser, and the idempotent ``seed_campaign`` command."""

import html
import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Revision, Site

from home.models import StatementPage, TakeActionPage
from home.seed import STATEMENT_TITLE
from signatories.choices import Level, State
from signatories.models import JoinPage, Signatory
from signatories.names import name_key
from signatories.seed import SEED_FILE, SeedFormatError, parse_statement, read_seed

NOTE = "for identification purposes only"


def state_counts(signatories):
    return Counter(entry.state or "NATIONAL" for entry in signatories)


def plain_text(markup):
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def listed_groups(page_html):
    """[(heading, [name, ...]), ...] as the signatory list block renders them."""
    groups = []
    pattern = re.compile(
        r'<h3 id="[^"]+-heading">(?P<label>.*?)</h3>\s*'
        r'<ul class="signatory-group__list">(?P<items>.*?)</ul>',
        re.DOTALL,
    )
    for match in pattern.finditer(page_html):
        names = []
        for item in re.findall(r"<li>(.*?)</li>", match.group("items"), re.DOTALL):
            item = re.sub(r'<span class="signatory__note">.*?</span>', "", item, flags=re.DOTALL)
            names.append(plain_text(item))
        groups.append((plain_text(match.group("label")), names))
    return groups


def run_seed(*args):
    out = StringIO()
    call_command("seed_campaign", *args, stdout=out)
    return out.getvalue()


# --- parse_statement / read_seed -----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return read_seed()


def test_seed_has_six_paragraphs_before_the_list(seed):
    assert len(seed.paragraphs) == 6
    assert seed.paragraphs[0].startswith("Our organizations stand behind the hundreds")
    assert seed.paragraphs[5].startswith("Visit our Take Action page for more info")
    assert "Click here to join" in seed.paragraphs[5]
    assert all("NATIONAL" not in paragraph for paragraph in seed.paragraphs)


def test_seed_lists_156_signatories_40_of_them_national(seed):
    assert len(seed.signatories) == 156
    national = [entry for entry in seed.signatories if entry.level == Level.NATIONAL]
    assert len(national) == 40
    assert all(entry.state == "" for entry in national)
    assert national[0].name == "American Civil Liberties Union"
    assert national[-1].name == "We Belong Together"
    assert all(entry.state for entry in seed.signatories if entry.level == Level.STATE)


def test_california_includes_the_names_after_california_continued(seed):
    california = [entry.name for entry in seed.signatories if entry.state == State.CA]
    assert len(california) == 33
    assert california[0] == "Advancing Justice – Asian Law Caucus"
    assert "Fresno Immigrant Youth in Action" in california
    # After the "California Continued" line: still California.
    assert "Immigrant Justice Team Emerson UU Church" in california
    assert california[-1] == "Transforming Immigrant Communities through Education (TICE)"


def test_per_state_counts_match_the_file(seed):
    counts = state_counts(seed.signatories)
    expected = {
        "NATIONAL": 40,
        "AK": 1,
        "AZ": 2,
        "CA": 33,
        "CO": 3,
        "CT": 1,
        "DC": 1,
        "FL": 5,
        "GA": 6,
        "IL": 7,
        "IA": 6,
        "KS": 2,
        "LA": 1,
        "MD": 2,
        "MA": 2,
        "MI": 1,
        "MN": 3,
        "MS": 1,
        "MO": 1,
        "NJ": 1,
        "NM": 4,
        "NY": 9,
        "NC": 3,
        "OH": 1,
        "OR": 2,
        "PA": 2,
        "TN": 1,
        "TX": 6,
        "UT": 1,
        "VA": 2,
        "WA": 5,
        "WI": 1,
    }
    assert dict(counts) == expected
    assert sum(expected.values()) == 156


def test_a_few_groups_by_name(seed):
    def names(state):
        return [entry.name for entry in seed.signatories if entry.state == state]

    assert names("WI") == ["Voces de la Frontera"]
    assert names("GA") == [
        "Coalición de Lideres Latinos-CLILA",
        "Georgia Detention Watch",
        "Georgia Latino Alliance for Human Rights",
        "GaNot1More Coalition",
        "Southeast Immigrant Rights Network",
        "SONG / Southerners On New Ground",
    ]
    assert names("DC") == ["CAIR Coalition"]
    assert "P.E.A.C.E" in names("IL")


def test_letter_lines_and_continued_never_become_names(seed):
    names = {entry.name for entry in seed.signatories}
    for layout in ["A", "C", "D-F", "G-I", "K-L", "M", "N", "O-P", "T-U", "V-W"]:
        assert layout not in names
    assert "California Continued" not in names
    assert "NATIONAL" not in names
    # State headings are headings, not organizations.
    assert not names & {"California", "Alaska", "Wisconsin", "District of Columbia"}


def test_identification_note_is_split_off_the_name(seed):
    with_note = [entry for entry in seed.signatories if entry.note]
    assert [(entry.name, entry.state, entry.note) for entry in with_note] == [
        ("Stanford Law School Immigrants’ Rights Clinic", "CA", NOTE),
        ("Criminal/Immigration Defense Clinic at Colorado Law", "CO", NOTE),
    ]
    assert not any("(" + NOTE in entry.name for entry in seed.signatories)


def test_line_numbers_point_into_the_file(seed):
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    for entry in seed.signatories:
        assert lines[entry.line - 1].startswith(entry.name)


def test_parse_statement_small_example():
    parsed = parse_statement(
        "First paragraph.\n\n  Second   paragraph.\nNATIONAL\nThe Praxis Project\nA\n"
        "Alaska\nAlaska Institute for Justice\nAlaska Continued\nSecond Alaskan Group\n"
        "D-F\nDistrict of Columbia\nCAIR Coalition (for identification purposes only)\n"
    )
    assert parsed.paragraphs == ["First paragraph.", "Second paragraph."]
    assert [(s.name, s.level, s.state, s.note) for s in parsed.signatories] == [
        ("The Praxis Project", Level.NATIONAL, "", ""),
        ("Alaska Institute for Justice", Level.STATE, "AK", ""),
        ("Second Alaskan Group", Level.STATE, "AK", ""),
        ("CAIR Coalition", Level.STATE, "DC", NOTE),
    ]


def test_missing_national_heading_is_a_format_error():
    with pytest.raises(SeedFormatError, match="NATIONAL"):
        parse_statement("Only a paragraph.\nAlaska\nAlaska Institute for Justice\n")


def test_continued_unknown_state_is_a_format_error():
    with pytest.raises(SeedFormatError, match="Atlantis Continued"):
        parse_statement("Text.\nNATIONAL\nSome Group\nAtlantis Continued\nOther Group\n")


# --- the seed_campaign command -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db
def test_command_builds_the_site_with_the_statement_as_root(client):
    output = run_seed()

    assert "Signatories: 156 created, 0 already present" in output
    site = Site.objects.get(is_default_site=True)
    assert Site.objects.count() == 1
    statement = site.root_page.specific
    assert isinstance(statement, StatementPage)
    assert statement.title == STATEMENT_TITLE
    assert statement.live
    assert statement.url == "/"
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(slug="home", depth=2).exists()

    take_action = TakeActionPage.objects.child_of(statement).get()
    join = JoinPage.objects.child_of(statement).get()
    assert take_action.live and join.live
    assert take_action.url == "/take-action/"
    assert join.url == "/join/"
    assert f"Created page {STATEMENT_TITLE!r} at /" in output
    assert "Created page 'Take Action' at /take-action/" in output
    assert "Created page 'Add your organization' at /join/" in output

    assert Signatory.objects.count() == 156
    assert Signatory.objects.published().count() == 156
    assert client.get("/take-action/").status_code == 200
    assert client.get("/join/").status_code == 200


@pytest.mark.slow
@pytest.mark.django_db
def test_statement_page_shows_paragraphs_links_and_every_name(client, seed):
    run_seed()
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()

    main = content[content.index("<main") :]
    text = plain_text(main)
    positions = [text.index(paragraph) for paragraph in seed.paragraphs]
    assert positions == sorted(positions)
    assert f"<h1>{STATEMENT_TITLE}</h1>" in content

    assert '<a href="/take-action/">Take Action page</a>' in content
    assert '<a href="/join/">Click here to join</a>' in content

    groups = listed_groups(content)
    expected_labels = ["National"] + sorted(
        {str(State(entry.state).label) for entry in seed.signatories if entry.state},
        key=lambda label: list(State.labels).index(label),
    )
    assert [label for label, _ in groups] == expected_labels
    listed = dict(groups)
    for label in expected_labels:
        wanted = [
            entry.name
            for entry in seed.signatories
            if (label == "National" and entry.level == Level.NATIONAL)
            or (entry.state and State(entry.state).label == label)
        ]
        assert listed[label] == sorted(wanted, key=name_key), label
    assert sum(len(names) for names in listed.values()) == 156
    assert "156 organizations have signed" in content
    assert (
        "Stanford Law School Immigrants’ Rights Clinic "
        f'<span class="signatory__note">({NOTE})</span>' in content
    )


@pytest.mark.slow
@pytest.mark.django_db
def test_second_run_changes_nothing():
    run_seed()
    counts = (Page.objects.count(), Signatory.objects.count(), Revision.objects.count())
    site = Site.objects.get(is_default_site=True)

    output = run_seed()

    assert (Page.objects.count(), Signatory.objects.count(), Revision.objects.count()) == counts
    assert "Signatories: 0 created, 156 already present" in output
    # The three English pages and their Spanish copies.
    assert "6 page(s) already present, left as they are" in output
    assert "Created page" not in output
    assert Site.objects.get(is_default_site=True).root_page_id == site.root_page_id
    assert Site.objects.count() == 1


@pytest.mark.slow
@pytest.mark.django_db
def test_editor_changes_survive_a_second_run(client):
    run_seed()
    statement = StatementPage.objects.get(locale__language_code="en")
    statement.title = "Our statement, edited"
    statement.save_revision().publish()
    unpublished = Signatory.objects.get(name="Casa Latina")
    unpublished.unpublish()
    recased = Signatory.objects.get(name="American Civil Liberties Union")
    recased.name = "AMERICAN CIVIL LIBERTIES UNION"
    recased.save()

    output = run_seed()

    assert "Signatories: 0 created, 156 already present" in output
    statement.refresh_from_db()
    assert statement.title == "Our statement, edited"
    assert StatementPage.objects.filter(locale__language_code="en").count() == 1
    assert not Signatory.objects.get(pk=unpublished.pk).live
    assert Signatory.objects.filter(sort_key="casa latina").count() == 1
    assert Signatory.objects.filter(sort_key="american civil liberties union").count() == 1
    assert Signatory.objects.get(pk=recased.pk).name == "AMERICAN CIVIL LIBERTIES UNION"

    content = client.get("/").content.decode()
    assert "<h1>Our statement, edited</h1>" in content
    assert "Casa Latina" not in content
    assert "155 organizations have signed" in content


# Where `make run` serves the site: DEBUG on, PUBLIC_URL on this machine.
MAKE_RUN = {"DEBUG": True, "PUBLIC_URL": "http://127.0.0.1:8000"}


def small_seed_file(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text("We stand together.\nNATIONAL\nThe Praxis Project\n", encoding="utf-8")
    return str(path)


@pytest.mark.slow
@pytest.mark.django_db
def test_debug_creates_the_local_admin_and_prints_the_login():
    with override_settings(**MAKE_RUN):
        output = run_seed()
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    assert user.check_password("admin")
    assert "Created the local admin account." in output
    assert "Admin login (this machine only): /admin/  user 'admin'  password 'admin'" in output

    with override_settings(**MAKE_RUN):
        again = run_seed()
    assert get_user_model().objects.count() == 1
    assert "Created the local admin account." not in again


@pytest.mark.django_db
@pytest.mark.parametrize(
    "public_url", ["https://statement.example.org", "http://192.0.2.10:8000", "http://testserver"]
)
def test_debug_with_a_public_address_creates_no_account(tmp_path, public_url):
    """`manage.py` defaults to the development settings, DEBUG on: run on a server whose
    PUBLIC_URL is the site's address, the seed must not leave admin/admin there."""
    with override_settings(DEBUG=True, PUBLIC_URL=public_url):
        output = run_seed("--file", small_seed_file(tmp_path))
    assert not get_user_model().objects.exists()
    assert "Admin login" not in output
    assert f"No development account: PUBLIC_URL {public_url} is not this machine." in output
    assert "python manage.py createsuperuser" in output


@pytest.mark.django_db
def test_without_any_administrator_the_seed_says_how_to_make_one(tmp_path):
    output = run_seed("--file", small_seed_file(tmp_path))
    assert "No administrator account yet: python manage.py createsuperuser" in output

    get_user_model().objects.create_superuser("maria", "maria@example.org", "a long passphrase")
    assert "createsuperuser" not in run_seed("--file", small_seed_file(tmp_path))


@pytest.mark.slow
@pytest.mark.django_db
def test_without_debug_no_user_is_created():
    output = run_seed()
    assert not get_user_model().objects.exists()
    assert "Admin login" not in output


@pytest.mark.slow
@pytest.mark.django_db
def test_no_dev_admin_flag_skips_the_user_even_with_debug():
    with override_settings(**MAKE_RUN):
        output = run_seed("--no-dev-admin")
    assert not get_user_model().objects.exists()
    assert "Admin login" not in output


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["missing", "directory", "not_utf8", "malformed"])
def test_unreadable_file_is_a_command_error_and_creates_nothing(tmp_path, kind):
    if kind == "missing":
        path = tmp_path / "missing.txt"
    elif kind == "directory":
        path = tmp_path
    elif kind == "not_utf8":
        path = tmp_path / "latin1.txt"
        path.write_bytes("Texto.\nNATIONAL\nCoalición\n".encode("latin-1"))
    else:
        path = tmp_path / "malformed.txt"
        path.write_text("Text.\nNATIONAL\nGroup\nAtlantis Continued\nOther\n", encoding="utf-8")
    pages = Page.objects.count()

    with pytest.raises(CommandError, match="Cannot read the seed file"):
        run_seed("--file", str(path))

    assert Page.objects.count() == pages
    assert not StatementPage.objects.exists()
    assert not Signatory.objects.exists()


@pytest.mark.django_db
def test_command_reads_another_file(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text(
        "We stand together.\nNATIONAL\nThe Praxis Project\nTexas\nRAICES\n", encoding="utf-8"
    )
    output = run_seed("--file", str(path))
    assert "Signatories: 2 created, 0 already present" in output
    assert list(Signatory.objects.values_list("name", "level", "state")) == [
        ("The Praxis Project", "national", ""),
        ("RAICES", "state", "TX"),
    ]
