"""English at /, Spanish at /es/: interface strings, state headings, the join form and its
emails, the shared signatory list, the language switcher, translating pages in the admin,
and the shipped catalog."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import StatementPage, TakeActionPage
from home.seed import build_page_tree
from signatories.choices import Level, State, states_in_display_order
from signatories.grouping import group_signatories, letter_ranges
from signatories.joining.email_tasks import send_acknowledgment
from signatories.models import JoinPage, JoinRequest, Signatory

from ..factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ..helpers import post_data

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"

VALID = {
    "name": "Casa Latina",
    "state": "NC",
    "city": "Durham",
    "website": "",
    "contact_name": "María Ejemplo",
    "contact_email": "maria@example.org",
    "consent": "on",
}


def headings(html):
    return re.findall(r'<h3 id="[^"]+-heading">([^<]+)</h3>', html)


def jump_links(html):
    nav = re.search(r'<nav class="jump-nav".*?</nav>', html, re.S)
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(0)) if nav else []


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    # A request to /es/ leaves Spanish active in this thread; later tests expect the default.
    yield
    translation.deactivate()


@pytest.fixture
def site(seeded_site):
    """The seeded site: English pages and their Spanish copies, with a few signatories."""
    SignatoryFactory(name="National Immigration Law Center", national=True)
    SignatoryFactory(name="El Pueblo", state="NC")
    SignatoryFactory(name="Make the Road New York", state="NY")
    SignatoryFactory(name="CASA", state="MD")
    return seeded_site


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def send(url, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, post_data(VALID, **changes))

    return send


# --- the page tree and the seed -------------------------------------------------------------


@pytest.mark.django_db
def test_seed_publishes_spanish_copies_under_es_and_runs_again_without_changes(client):
    build_page_tree(["We stand together."])
    spanish = Locale.objects.get(language_code="es")
    statement_es = StatementPage.objects.get(locale=spanish)
    assert statement_es.live and statement_es.url == "/es/"
    assert (
        statement_es.translation_key
        == StatementPage.objects.get(locale__language_code="en").translation_key
    )
    assert TakeActionPage.objects.get(locale=spanish).url == "/es/take-action/"
    assert JoinPage.objects.get(locale=spanish).url == "/es/join/"
    pages = Page.objects.count()

    report = build_page_tree(["We stand together."])

    assert report.created == [] and len(report.existing) == 6
    assert Page.objects.count() == pages
    for url in ["/es/", "/es/take-action/", "/es/join/", "/", "/join/"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_one_statement_per_language(site):
    root = Page.get_first_root_node()
    assert not StatementPage.can_create_at(root)
    second = StatementPage(title="Another", slug="another", locale=Locale.get_default())
    with pytest.raises(ValidationError, match="already a statement page in this language"):
        root.add_child(instance=second)


# --- the statement and its list -------------------------------------------------------------


@pytest.mark.django_db
def test_spanish_statement_has_spanish_interface_and_state_headings(client, site):
    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()

    assert '<html lang="es">' in spanish
    assert headings(spanish) == ["Nacional", "Carolina del Norte", "Maryland", "Nueva York"]
    assert "4 organizaciones han firmado" in spanish
    assert "Ir al contenido" in spanish
    # The English page, rendered first and cached, is not what Spanish readers get.
    assert headings(english) == ["National", "Maryland", "New York", "North Carolina"]
    assert "4 organizations have signed" in english
    assert "Carolina del Norte" not in english


@pytest.mark.django_db
def test_spanish_jump_links_follow_the_spanish_names(client, site):
    spanish = jump_links(client.get("/es/").content.decode())
    english = jump_links(client.get("/").content.decode())
    # Carolina del Norte is a C in Spanish; North Carolina an N in English.
    assert spanish == [("state-nc", "C-M"), ("state-ny", "N")]
    assert english == [("state-md", "M-N")]


@pytest.mark.django_db
def test_the_same_published_signatories_in_both_languages_and_pending_in_neither(client, site):
    SignatoryFactory(name="Unpublished Group", state="NC", live=False)
    JoinRequestFactory(name="Waiting Group", state="NC")

    for url in ["/", "/es/"]:
        html = client.get(url).content.decode()
        for name in ["National Immigration Law Center", "El Pueblo", "Make the Road New York"]:
            assert name in html, (url, name)
        assert "Unpublished Group" not in html
        assert "Waiting Group" not in html


@pytest.mark.django_db
def test_links_in_a_spanish_copy_lead_to_spanish_pages(client, site):
    statement = client.get("/es/").content.decode()
    assert '<a href="/es/join/">Click here to join</a>' in statement
    take_action = client.get("/es/take-action/").content.decode()
    main = take_action[take_action.index("<main") :]
    # The starter call to action and action card point at the join page by id.
    assert 'href="/es/join/"' in main
    assert 'href="/join/"' not in main


def test_a_link_whose_translation_is_unpublished_leads_to_the_original(client, site):
    JoinPage.objects.get(locale__language_code="es").unpublish()

    statement = client.get("/es/").content.decode()

    assert '<a href="/join/">Click here to join</a>' in statement


def test_a_locale_added_after_a_miss_is_found(db):
    """A language whose Locale is added later is served in it at once, in the same process."""
    with translation.override("es"):
        Locale.objects.filter(language_code="es").delete()
        assert Locale.get_active().language_code == "en"  # no Spanish yet: the default
        Locale.objects.create(language_code="es")
        assert Locale.get_active().language_code == "es"


@pytest.mark.django_db
def test_sitemap_lists_the_pages_of_both_languages(client, site):
    locations = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())
    # The seed puts the site at PUBLIC_URL, the test client's host in the test settings.
    paths = sorted(location.removeprefix("http://testserver") for location in locations)
    assert paths == ["/", "/es/", "/es/join/", "/es/take-action/", "/join/", "/take-action/"]


# --- grouping, without a request ------------------------------------------------------------


def built(state=None):
    if state is None:
        return Signatory(name="N", level=Level.NATIONAL, state="")
    return Signatory(name=state, level=Level.STATE, state=state)


def test_grouping_orders_and_labels_states_in_the_given_language():
    signatories = [built(), built("NM"), built("NY"), built("NC"), built("CA"), built("PA")]

    spanish = group_signatories(signatories, language="es")
    english = group_signatories(signatories, language="en")

    assert [g.label for g in spanish] == [
        "Nacional",
        "California",
        "Carolina del Norte",
        "Nueva York",
        "Nuevo México",
        "Pensilvania",
    ]
    assert [g.label for g in english] == [
        "National",
        "California",
        "New Mexico",
        "New York",
        "North Carolina",
        "Pennsylvania",
    ]
    # Three N states in English leave no room for P in their range; two in Spanish do.
    assert [(r.label, r.anchor) for r in letter_ranges(english)] == [
        ("C", "state-ca"),
        ("N", "state-nm"),
        ("P", "state-pa"),
    ]
    assert [(r.label, r.anchor) for r in letter_ranges(spanish)] == [
        ("C", "state-ca"),
        ("N-P", "state-ny"),
    ]
    assert [m.state for g in spanish for m in g.members] == ["", "CA", "NC", "NY", "NM", "PA"]


def test_english_display_order_is_the_declared_order():
    assert list(states_in_display_order("en")) == list(State)
    with translation.override("es"):
        spanish = [str(state.label) for state in states_in_display_order("es")]
    assert spanish.index("Carolina del Norte") < spanish.index("Colorado")
    assert spanish.index("Hawái") < spanish.index("Idaho")


# --- the join form and its emails -----------------------------------------------------------


@pytest.mark.django_db
def test_spanish_join_form_has_spanish_labels_and_states_in_spanish_order(client, site):
    html = client.get("/es/join/").content.decode()
    assert '<label for="id_name">Nombre de la organización</label>' in html
    assert "Correo electrónico de contacto" in html
    assert "Enviar solicitud" in html
    options = re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', html)
    labels = [label for _, label in options]
    assert labels[0] == "Nacional"
    assert labels.index("Carolina del Norte") < labels.index("Colorado")


@pytest.mark.django_db
def test_spanish_validation_errors(client, site):
    response = client.post(
        "/es/join/", post_data(VALID, name="", contact_email="nope", consent=None)
    )
    html = response.content.decode()
    assert response.status_code == 200
    # Django's and Wagtail's own Spanish catalogs word the required message differently.
    assert re.search(r'id="id_name_error"><li>Este campo es (obligatorio|necesario)\.</li>', html)
    assert "Introduzca una dirección de correo electrónico válida." in html
    assert "Confirme que su organización está de acuerdo, por favor." in html
    assert "This field is required." not in html
    assert not JoinRequest.objects.exists()


@pytest.mark.django_db
def test_spanish_duplicate_message_names_the_spanish_heading(client, site):
    html = client.post("/es/join/", post_data(VALID, name="El Pueblo")).content.decode()
    assert "El Pueblo ya firmó la declaración en Carolina del Norte. ¡Gracias!" in html


@pytest.mark.django_db
def test_spanish_submission_thanks_and_acknowledges_in_spanish(client, site, send):
    response = send("/es/join/")

    assert response.status_code == 302
    assert response["Location"] == "/es/join/thanks/"
    thanks = client.get(response["Location"]).content.decode()
    assert "Volver a la declaración" in thanks
    assert '<html lang="es">' in thanks

    join_request = JoinRequest.objects.get()
    assert join_request.language == "es"
    acknowledgment = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    assert acknowledgment.subject == "Recibimos su solicitud para firmar la declaración"
    assert acknowledgment.body.startswith("Hola:")
    assert (
        "Gracias por pedir que agreguemos a Casa Latina (Carolina del Norte)" in acknowledgment.body
    )
    assert "El enlace funciona durante 7 días." in acknowledgment.body
    assert re.search(r"http://\S+/es/join/confirm/\S+/", acknowledgment.body)
    # Editors read the default language.
    notice = next(m for m in mail.outbox if m.to == ["editors@example.org"])
    assert notice.subject == "1 new request to review"
    assert "Join: Casa Latina (North Carolina)" in notice.body


@pytest.mark.django_db
def test_worker_sends_in_the_request_language_not_its_own(site):
    spanish = JoinRequestFactory(name="Grupo Uno", state="NY", language="es")
    english = JoinRequestFactory(name="Group Two", state="NY", language="en")
    mail.outbox.clear()

    with translation.override("en"):
        send_acknowledgment.call(spanish.pk)
    with translation.override("es"):
        send_acknowledgment.call(english.pk)

    by_name = {m.to[0]: m for m in mail.outbox}
    assert by_name[spanish.contact_email].subject == (
        "Recibimos su solicitud para firmar la declaración"
    )
    assert "(Nueva York)" in by_name[spanish.contact_email].body
    assert (
        by_name[english.contact_email].subject == "We received your request to sign the statement"
    )
    assert "(New York)" in by_name[english.contact_email].body
    assert "/es/join/confirm/" not in by_name[english.contact_email].body


@pytest.mark.django_db
def test_english_submission_stays_english(client, site, send):
    response = send("/join/")
    assert response["Location"] == "/join/thanks/"
    assert JoinRequest.objects.get().language == "en"
    acknowledgment = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    assert acknowledgment.subject == "We received your request to sign the statement"


@pytest.mark.django_db
def test_review_flags_are_stored_in_english_from_a_spanish_form(site, send):
    send("/es/join/", name="Casa\u200bLatina")
    flags = JoinRequest.objects.get().review_reasons
    assert flags and flags[0].startswith("Invisible or text-direction characters")


@pytest.mark.django_db
def test_spanish_confirmation_page_errors(client, site):
    html = client.get("/es/join/confirm/not-a-token/").content.decode()
    assert "Este enlace de confirmación no es válido." in html


# --- switcher and alternate links -----------------------------------------------------------


@pytest.mark.django_db
def test_switcher_links_to_the_translated_page(client, site):
    html = client.get("/join/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert '<a href="/join/" lang="en" hreflang="en" aria-current="page">English</a>' in switcher
    assert '<a href="/es/join/" lang="es" hreflang="es">Español</a>' in switcher
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/join/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/join/">' in html

    routed = client.get("/es/join/change/").content.decode()
    assert '<a href="/join/change/" lang="en" hreflang="en">English</a>' in routed


@pytest.mark.django_db
def test_switcher_falls_back_to_the_home_page_of_a_language_without_the_page(client, site):
    statement = StatementPage.objects.get(locale__language_code="en")
    page = statement.add_child(instance=TakeActionPage(title="English only", slug="english-only"))
    page.save_revision().publish()

    html = client.get("/english-only/").content.decode()
    assert '<a href="/es/" lang="es" hreflang="es">Español</a>' in html
    # No hreflang alternates for a page that exists in one language only.
    assert 'rel="alternate"' not in html


def menu_links(html):
    nav = re.search(r'<ul class="site-nav">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"', nav)


@pytest.mark.django_db
def test_the_menu_lists_the_live_menu_pages_under_the_home_page_of_each_language(client, site):
    english = StatementPage.objects.get(locale__language_code="en")
    spanish = StatementPage.objects.get(locale__language_code="es")
    hidden = english.add_child(instance=TakeActionPage(title="Hidden", slug="hidden"))
    hidden.save_revision().publish()
    draft = english.add_child(
        instance=TakeActionPage(title="Draft", slug="draft", show_in_menus=True, live=False)
    )
    draft.save_revision()
    deeper = hidden.add_child(
        instance=TakeActionPage(title="Deeper", slug="deeper", show_in_menus=True)
    )
    deeper.save_revision().publish()
    spanish_only = spanish.add_child(
        instance=TakeActionPage(title="Solo", slug="solo", show_in_menus=True)
    )
    spanish_only.save_revision().publish()

    assert menu_links(client.get("/").content.decode()) == ["/take-action/", "/join/"]
    assert menu_links(client.get("/join/").content.decode()) == ["/take-action/", "/join/"]
    assert menu_links(client.get("/es/").content.decode()) == [
        "/es/take-action/",
        "/es/join/",
        "/es/solo/",
    ]


@pytest.mark.django_db
def test_the_menu_of_a_home_page_moved_away_from_the_site_root(client, site):
    """A translated home page is normally the site root's sibling; elsewhere, its menu still
    lists its own children."""
    spanish = StatementPage.objects.get(locale__language_code="es")
    holder = Page.get_first_root_node().add_child(instance=Page(title="Archive", slug="archive"))
    spanish.move(holder, pos="last-child")
    expected = [page.get_url() for page in spanish.get_children().live().in_menu()]

    assert len(expected) == 2
    assert menu_links(client.get("/es/").content.decode()) == expected


# --- translating in the admin ---------------------------------------------------------------


@pytest.mark.django_db
def test_communications_editor_translates_a_page_with_simple_translation(client, site_pages):
    spanish = Locale.objects.create(language_code="es")
    editor = UserFactory(groups=["Communications"])
    client.force_login(editor)
    statement = site_pages["statement"]
    url = reverse("simple_translation:submit_page_translation", args=[statement.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [spanish.pk], "include_subtree": "on"})

    translated = StatementPage.objects.get(locale=spanish)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    assert translated.translation_key == statement.translation_key
    assert JoinPage.objects.filter(locale=spanish).count() == 1
    assert TakeActionPage.objects.filter(locale=spanish).count() == 1
    # A copy starts as a draft for the editor to translate; nothing new is public yet.
    assert not translated.live


@pytest.mark.django_db
def test_signatory_editors_cannot_translate_pages(client, site_pages):
    Locale.objects.create(language_code="es")
    client.force_login(UserFactory(groups=["Signatory editors"]))
    url = reverse("simple_translation:submit_page_translation", args=[site_pages["statement"].pk])
    response = client.post(url, {"locales": [Locale.objects.get(language_code="es").pk]})
    # Wagtail's admin answers a denied permission with a redirect to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not StatementPage.objects.filter(locale__language_code="es").exists()


# --- the shipped catalog --------------------------------------------------------------------


def test_catalog_has_no_untranslated_or_fuzzy_messages():
    catalog = polib.pofile(str(CATALOG / "django.po"))
    assert not catalog.metadata_is_fuzzy
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []
    assert [e.msgid for e in catalog.obsolete_entries()] == []


def test_compiled_catalog_matches_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    polib.pofile(str(CATALOG / "django.po")).save_as_mofile(str(compiled))
    with (CATALOG / "django.mo").open("rb") as shipped, compiled.open("rb") as fresh:
        shipped_catalog = gettext.GNUTranslations(shipped)._catalog
        fresh_catalog = gettext.GNUTranslations(fresh)._catalog
    # The header ("") differs in dates msgfmt leaves out; the messages must not.
    shipped_catalog.pop("")
    fresh_catalog.pop("")
    assert shipped_catalog == fresh_catalog, "run `make messages` and commit the .mo"


def test_every_state_has_a_spanish_name_and_the_usual_forms_are_used():
    usual = {
        "NY": "Nueva York",
        "NC": "Carolina del Norte",
        "NM": "Nuevo México",
        "PA": "Pensilvania",
        "LA": "Luisiana",
        "MO": "Misuri",
        "HI": "Hawái",
    }
    with translation.override("es"):
        names = {state.value: str(state.label) for state in State}
        national = str(Level.NATIONAL.label)
    assert {code: names[code] for code in usual} == usual
    assert national == "Nacional"
    # Every state has its own Spanish name (many are the same as in English).
    assert len(set(names.values())) == len(State)
