"""Invisible characters are removed from names; look-alike names are flagged for editors."""

import pytest

from signatories.models import JoinRequest
from signatories.text_safety import name_flags, strip_invisible

from ..admin_helpers import join_request_url as admin_url
from ..factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ..helpers import change_data, form_data

INVISIBLE = [
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\u200c", id="zero-width-non-joiner"),
    pytest.param("\u200d", id="zero-width-joiner"),
    pytest.param("\ufeff", id="byte-order-mark"),
    pytest.param("\u00ad", id="soft-hyphen"),
    pytest.param("\u2060", id="word-joiner"),
    *[pytest.param(chr(code), id=f"bidi-{code:04X}") for code in range(0x202A, 0x202F)],
    *[pytest.param(chr(code), id=f"isolate-{code:04X}") for code in range(0x2066, 0x206A)],
    pytest.param("\u3164", id="hangul-filler"),
    pytest.param("\x07", id="control"),
]


def codes(flags):
    return [flag["code"] for flag in flags]


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_characters_are_removed(char):
    assert strip_invisible(f"Casa{char}Latina") == "CasaLatina"
    assert codes(name_flags(f"Casa{char}Latina")) == ["invisible_removed"]


def test_right_to_left_override_is_removed_and_named():
    flags = name_flags("\u202eCasa Latina")

    assert strip_invisible("\u202eCasa Latina") == "Casa Latina"
    assert flags[0]["reason"] == (
        "Invisible or text-direction characters were removed from the name: "
        "U+202E RIGHT-TO-LEFT OVERRIDE."
    )


@pytest.mark.parametrize(
    "name",
    [
        "Casa Latina",
        "São Paulo Café",
        "Ciência Viva",
        "Latinos-CLILA / Southerners",
        "P.E.A.C.E",
        "Русский Дом",
        "東京タワー",
        "Αλληλεγγύη",
        "\u0600\u0661",  # the Arabic number sign is a visible format character
    ],
)
def test_ordinary_names_are_kept_and_not_flagged(name):
    assert strip_invisible(name) == name
    assert name_flags(name) == []


def test_decomposed_accents_are_composed():
    assert strip_invisible("Cafe\u0301") == "Café"


def test_a_word_mixing_latin_and_cyrillic_is_flagged_with_the_odd_letter():
    flags = name_flags("Cаsa Latina")  # the first "а" is Cyrillic

    assert codes(flags) == ["mixed_scripts"]
    assert flags[0]["reason"] == (
        "The word “Cаsa” mixes Cyrillic and Latin letters: “а” (U+0430 CYRILLIC SMALL LETTER A)."
    )


def test_a_cyrillic_word_that_passes_for_latin_is_flagged():
    assert codes(name_flags("Саѕа")) == ["lookalike"]
    assert codes(name_flags("Саѕа Latina")) == ["lookalike"]


def test_styled_letters_are_flagged():
    assert codes(name_flags("ｃａｓａ latina")) == ["styled_letters"]
    assert codes(name_flags("𝐂𝐚𝐬𝐚 Latina")) == ["styled_letters"]


# Through the forms


@pytest.fixture
def send_join(client, site_pages, django_capture_on_commit_callbacks):
    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/join/", data)

    return post


def test_a_hidden_space_does_not_get_past_duplicate_detection(send_join):
    SignatoryFactory(name="CasaLatina", state="WA")

    response = send_join(form_data(name="Casa\u200bLatina"))

    assert "CasaLatina has already signed the statement under Washington." in (
        response.content.decode()
    )
    assert not JoinRequest.objects.exists()


def test_a_hidden_space_does_not_get_past_a_pending_request(send_join):
    waiting = JoinRequestFactory(name="CasaLatina", state="WA")

    send_join(form_data(name="Casa\u200bLatina"))

    assert list(JoinRequest.objects.pending()) == [waiting]
    assert JoinRequest.objects.get(duplicate_of=waiting).name == "CasaLatina"


def test_a_name_of_invisible_characters_only_is_missing(send_join):
    response = send_join(form_data(name="\u200b\u202e\u200d"))

    assert "This field is required." in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_join_request_is_stored_without_invisible_characters_and_flagged(send_join):
    send_join(form_data(name="\u202eCasa\u2066 Latina"))

    join_request = JoinRequest.objects.get()
    assert join_request.name == "Casa Latina"
    assert codes(join_request.review_flags) == ["invisible_removed"]


def test_mixed_script_join_request_is_stored_and_flagged(send_join):
    assert send_join(form_data(name="Cаsa Latina")).status_code == 302

    join_request = JoinRequest.objects.get()
    assert join_request.name == "Cаsa Latina"
    assert codes(join_request.review_flags) == ["mixed_scripts"]


def test_change_form_strips_and_flags_names_too(client, site_pages):
    SignatoryFactory(name="Casa Latina", state="WA")

    client.post("/join/change/", change_data(name="Casa\u200b Lаtina"))

    change = JoinRequest.objects.get()
    assert change.name == "Casa Lаtina"
    assert codes(change.review_flags) == ["invisible_removed", "mixed_scripts", "unlisted"]


# What editors see


@pytest.fixture
def flagged_request(site_pages):
    return JoinRequestFactory(
        name="Cаsa Latina", state="WA", review_flags=name_flags("Cаsa Latina")
    )


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(groups=["Signatory editors"]))
    return client


REASON = "The word “Cаsa” mixes Cyrillic and Latin letters"


@pytest.mark.parametrize("view", ["index", "inspect", "approve"])
def test_editors_see_the_reason(editor_client, flagged_request, view):
    args = [] if view == "index" else [flagged_request.pk]

    html = editor_client.get(admin_url(view, *args)).content.decode()

    assert REASON in html


def test_unflagged_requests_show_no_marker(editor_client, site_pages):
    JoinRequestFactory(name="Casa Latina", state="WA")

    html = editor_client.get(admin_url("index")).content.decode()

    assert "⚠" not in html
