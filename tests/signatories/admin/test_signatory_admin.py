"""The Signatory snippet admin: listing, search, filters, duplicate names and bulk publication."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from signatories.models import Signatory

from ...admin_helpers import bulk_url, create_form_data, listed_names, signatory_url
from ...factories import SignatoryFactory


@pytest.fixture
def signatories(db):
    """A small list over National and three states, one of them unpublished."""
    return {
        "praxis": SignatoryFactory(name="The Praxis Project", national=True),
        "aclu": SignatoryFactory(name="American Civil Liberties Union", national=True),
        "iowa": SignatoryFactory(name="Iowa Citizens for Community Improvement", state="IA"),
        "peace": SignatoryFactory(name="P.E.A.C.E", state="IL"),
        "cobb": SignatoryFactory(name="Cobb Immigrant Alliance", state="IL"),
        "casa": SignatoryFactory(name="Casa Latina", state="WA", city="Seattle"),
        "draft": SignatoryFactory(name="OneAmerica", state="WA", live=False),
    }


DISPLAY_ORDER = [
    "American Civil Liberties Union",
    "The Praxis Project",
    "Cobb Immigrant Alliance",
    "P.E.A.C.E",
    "Iowa Citizens for Community Improvement",
    "Casa Latina",
    "OneAmerica",
]


def test_listing_shows_signatories_in_display_order(admin_client, signatories):
    response = admin_client.get(signatory_url("list"))
    assert listed_names(response) == DISPLAY_ORDER
    content = response.content.decode()
    assert "Illinois" in content
    assert "National" in content


def test_search_by_name(admin_client, signatories):
    url = signatory_url("list")
    assert listed_names(admin_client.get(url, {"q": "casa"})) == ["Casa Latina"]
    assert listed_names(admin_client.get(url, {"q": "Praxis"})) == ["The Praxis Project"]
    assert listed_names(admin_client.get(url, {"q": "immigrant"})) == ["Cobb Immigrant Alliance"]
    assert listed_names(admin_client.get(url, {"q": "nothing like this"})) == []


def test_search_matches_word_prefixes(admin_client, signatories):
    # Results come in relevance order, so compare them as a set.
    found = listed_names(admin_client.get(signatory_url("list"), {"q": "i"}))
    assert sorted(found) == ["Cobb Immigrant Alliance", "Iowa Citizens for Community Improvement"]


def test_filter_by_level(admin_client, signatories):
    url = signatory_url("list")
    assert listed_names(admin_client.get(url, {"level": "national"})) == DISPLAY_ORDER[:2]
    assert listed_names(admin_client.get(url, {"level": "state"})) == DISPLAY_ORDER[2:]


def test_filter_by_state(admin_client, signatories):
    url = signatory_url("list")
    assert listed_names(admin_client.get(url, {"state": "IL"})) == [
        "Cobb Immigrant Alliance",
        "P.E.A.C.E",
    ]
    assert listed_names(admin_client.get(url, {"state": "IA"})) == [
        "Iowa Citizens for Community Improvement"
    ]
    assert listed_names(admin_client.get(url, {"state": "TX"})) == []


def test_filter_by_live(admin_client, signatories):
    url = signatory_url("list")
    assert listed_names(admin_client.get(url, {"live": "false"})) == ["OneAmerica"]
    assert listed_names(admin_client.get(url, {"live": "true"})) == DISPLAY_ORDER[:-1]


def test_filters_combine_with_search(admin_client, signatories):
    url = signatory_url("list")
    response = admin_client.get(url, {"state": "WA", "live": "true", "q": "casa"})
    assert listed_names(response) == ["Casa Latina"]
    response = admin_client.get(url, {"state": "IL", "q": "casa"})
    assert listed_names(response) == []


# --- the unique name constraint in the create form -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "level", "state"),
    [
        ("Casa Latina", "state", "WA"),
        ("casa  latina.", "state", "WA"),
        ("The CASA LATINA", "state", "WA"),
        ("praxis project", "national", ""),
        ("PEACE", "state", "IL"),
    ],
)
def test_duplicate_name_in_the_same_group_is_a_form_error(
    admin_client, signatories, name, level, state
):
    before = Signatory.objects.count()
    response = admin_client.post(signatory_url("add"), create_form_data(name, level, state))

    assert response.status_code == 200
    content = response.content.decode()
    assert "An organization with this name is already listed under this heading." in content
    assert Signatory.objects.count() == before


def test_same_name_under_another_heading_is_allowed(admin_client, signatories):
    response = admin_client.post(signatory_url("add"), create_form_data("Casa Latina", state="OR"))
    assert response.status_code == 302
    assert Signatory.objects.filter(sort_key="casa latina").count() == 2


def test_editing_a_signatory_keeps_its_own_name(admin_client, signatories):
    casa = signatories["casa"]
    response = admin_client.post(
        signatory_url("edit", casa.pk),
        create_form_data("CASA LATINA", city="Seattle", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    casa.refresh_from_db()
    assert casa.name == "CASA LATINA"


def test_renaming_onto_another_signatory_is_a_form_error(admin_client, signatories):
    cobb = signatories["cobb"]
    response = admin_client.post(
        signatory_url("edit", cobb.pk),
        create_form_data("P. E. A. C. E.", state="IL", **{"action-publish": "action-publish"}),
    )
    # "P. E. A. C. E." and "P.E.A.C.E" only differ by spaces between letters: different keys.
    assert response.status_code == 302
    response = admin_client.post(
        signatory_url("edit", cobb.pk),
        create_form_data("peace", state="IL", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 200
    assert "already listed under this heading" in response.content.decode()
    cobb.refresh_from_db()
    assert cobb.name == "P. E. A. C. E."


def test_state_must_match_level(admin_client, db):
    response = admin_client.post(
        signatory_url("add"), create_form_data("Somewhere Group", level="state", state="")
    )
    assert response.status_code == 200
    assert "Choose the state this organization works in." in response.content.decode()
    response = admin_client.post(
        signatory_url("add"), create_form_data("Everywhere Group", level="national", state="TX")
    )
    assert response.status_code == 200
    assert "National organizations have no state." in response.content.decode()
    assert not Signatory.objects.exists()


# --- bulk publish / unpublish --------------------------------------------------------------------


def test_bulk_actions_are_registered_for_signatories(admin_client, signatories):
    content = admin_client.get(signatory_url("list")).content.decode()
    assert reverse("wagtail_bulk_action", args=["signatories", "signatory", "publish"]) in content
    assert reverse("wagtail_bulk_action", args=["signatories", "signatory", "unpublish"]) in content


def test_bulk_unpublish_asks_then_takes_names_off_the_site(client, admin_client, site_pages):
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    peace = SignatoryFactory(name="P.E.A.C.E", state="IL")
    SignatoryFactory(name="Voces de la Frontera", state="WI")
    assert "Casa Latina" in client.get("/").content.decode()

    url = bulk_url("unpublish", [casa, peace], next_url=signatory_url("list"))
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Unpublish these 2 signatories?" in text
    assert "Casa Latina (Washington)" in text
    assert "P.E.A.C.E (Illinois)" in text
    # Asking changes nothing.
    assert Signatory.objects.filter(live=True).count() == 3

    response = admin_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == signatory_url("list")
    assert set(Signatory.objects.filter(live=False).values_list("name", flat=True)) == {
        "Casa Latina",
        "P.E.A.C.E",
    }
    followed = admin_client.get(response["Location"])
    assert "2 signatories unpublished." in followed.content.decode()

    content = client.get("/").content.decode()
    assert "Casa Latina" not in content
    assert "P.E.A.C.E" not in content
    assert "Voces de la Frontera" in content
    assert "1 organization has signed" in content
    # Their records stay.
    assert Signatory.objects.count() == 3


def test_bulk_publish_lists_drafts_on_the_site(client, admin_client, site_pages):
    draft = SignatoryFactory(name="OneAmerica", state="WA", live=False)
    other = SignatoryFactory(name="Casa Latina", state="WA", live=False)
    assert "OneAmerica" not in client.get("/").content.decode()

    url = bulk_url("publish", [draft])
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "Publish this signatory?" in confirm.content.decode()

    response = admin_client.post(url)
    assert response.status_code == 302
    draft.refresh_from_db()
    other.refresh_from_db()
    assert draft.live
    assert draft.live_revision is not None
    assert not other.live
    content = client.get("/").content.decode()
    assert "OneAmerica" in content
    assert "Casa Latina" not in content


def test_bulk_publish_after_unpublish_round_trip(client, admin_client, site_pages):
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    admin_client.post(bulk_url("unpublish", [casa]))
    assert not Signatory.objects.get(pk=casa.pk).live
    assert "Casa Latina" not in client.get("/").content.decode()

    admin_client.post(bulk_url("publish", [casa]))
    casa.refresh_from_db()
    assert casa.live
    assert casa.name == "Casa Latina"
    assert "Casa Latina" in client.get("/").content.decode()


def test_bulk_actions_record_who_did_it(admin_client, site_pages):
    admin = get_user_model().objects.get(username="admin")
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    draft = SignatoryFactory(name="OneAmerica", state="WA", live=False)

    admin_client.post(bulk_url("unpublish", [casa]))
    admin_client.post(bulk_url("publish", [draft]))

    unpublish_entry = ModelLogEntry.objects.get(action="wagtail.unpublish", object_id=str(casa.pk))
    publish_entry = ModelLogEntry.objects.get(action="wagtail.publish", object_id=str(draft.pk))
    assert unpublish_entry.user == admin
    assert publish_entry.user == admin
    draft.refresh_from_db()
    assert draft.live_revision.user == admin


def test_bulk_publish_skips_already_published(admin_client, site_pages):
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    response = admin_client.post(
        bulk_url("publish", [casa], next_url=signatory_url("list")), follow=True
    )
    assert "0 signatories published." in response.content.decode()
    assert not ModelLogEntry.objects.filter(action="wagtail.publish").exists()


def test_signatory_editor_can_use_bulk_actions(client, site_pages):
    from ...factories import UserFactory

    editor = UserFactory(groups=["Signatory editors"])
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    client.force_login(editor)
    assert client.get(bulk_url("unpublish", [casa])).status_code == 200
    assert client.post(bulk_url("unpublish", [casa])).status_code == 302
    assert not Signatory.objects.get(pk=casa.pk).live


def test_communications_cannot_use_bulk_actions(client, site_pages):
    from ...factories import UserFactory

    user = UserFactory(groups=["Communications"])
    casa = SignatoryFactory(name="Casa Latina", state="WA")
    client.force_login(user)
    client.get(bulk_url("unpublish", [casa]))
    client.post(bulk_url("unpublish", [casa]))
    assert Signatory.objects.get(pk=casa.pk).live
