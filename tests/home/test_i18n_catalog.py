"""The shipped Spanish catalog: complete, compiled from the .po file, and using the usual Spanish
state names."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from signatories.choices import Level, State

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
# What `make messages` reads (it ignores .venv, var, tests and bench), and the catalog.
SOURCES = ["campaign", "home", "signatories", "templates", "locale"]


def test_catalog_has_no_untranslated_or_fuzzy_messages():
    catalog = polib.pofile(str(CATALOG / "django.po"))
    assert not catalog.metadata_is_fuzzy
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []
    assert [e.msgid for e in catalog.obsolete_entries()] == []


def test_every_plural_message_fills_each_form_the_header_declares():
    catalog = polib.pofile(str(CATALOG / "django.po"))
    plural_forms = catalog.metadata["Plural-Forms"]
    forms = int(plural_forms.split("nplurals=")[1].split(";")[0])
    incomplete = [
        entry.msgid
        for entry in catalog
        if entry.msgid_plural
        and sorted(index for index, text in entry.msgstr_plural.items() if text)
        != list(range(forms))
    ]
    assert incomplete == []


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (apt install gettext)")
def test_every_message_of_the_code_and_templates_is_in_the_catalog_and_translated(tmp_path):
    # `make messages` on a copy, so the catalog in the work tree is left as it is.
    copy = tmp_path / "site"
    for name in SOURCES:
        shutil.copytree(
            Path(settings.BASE_DIR) / name,
            copy / name,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    shutil.copy(Path(settings.BASE_DIR) / "manage.py", copy)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "campaign.settings.test",
        "CAMPAIGN_VAR_DIR": str(tmp_path / "var"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "es", "--no-obsolete"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    refreshed = polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    to_translate = [entry.msgid for entry in refreshed if not entry.translated()]
    assert to_translate == [], "run `make messages`, translate these and commit the .po and .mo"


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
