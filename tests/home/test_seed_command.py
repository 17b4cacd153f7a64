"""The idempotent ``seed_campaign`` command: the site it builds and shows, a second run that
changes nothing and keeps editors' changes, and the seed files it reads or refuses."""

import html
import re

import pytest
from django.core.management import CommandError
from wagtail.models import Page, Revision, Site

from home.models import StatementPage, TakeActionPage
from home.seed import STATEMENT_TITLE
from signatories.choices import Level, State
from signatories.models import JoinPage, Signatory
from signatories.names import name_key

from .seeding import NOTE, run_seed


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
    assert "Created page 'Privacy notice' at /privacy/" in output
    assert "Created the organizer settings" in output

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
    # The five English pages (statement, Take Action, Join, About, Privacy notice) and their
    # Spanish copies.
    assert "10 page(s) already present, left as they are" in output
    assert "Created page" not in output and "organizer" not in output
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
