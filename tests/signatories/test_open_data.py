"""Open data: /signatories.json and /signatories.csv list published signatories, public fields
only, cached until the list changes."""

import csv
import io

import pytest
from django.urls import resolve

from signatories import open_data
from signatories.importing.job import import_rows
from signatories.importing.reading import read_rows
from signatories.models import Signatory

from ..factories import JoinRequestFactory, SignatoryFactory

PUBLIC_FIELDS = ["name", "level", "state", "state_name", "note", "website"]


@pytest.fixture
def signatories(db):
    return {
        "praxis": SignatoryFactory(
            name="Praxis Project", national=True, website="https://praxis.example"
        ),
        "casa": SignatoryFactory(
            name="Casa Latina", state="WA", city="Seattle", note="for identification purposes only"
        ),
        "draft": SignatoryFactory(name="OneAmerica", state="WA", live=False, city="Tacoma"),
    }


def get_json(client):
    response = client.get("/signatories.json")
    assert response.status_code == 200
    return response.json()


def names(client):
    return [row["name"] for row in get_json(client)["signatories"]]


def get_csv_rows(client):
    response = client.get("/signatories.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_json_lists_published_signatories_with_public_fields(client, signatories):
    response = client.get("/signatories.json")

    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert document["count"] == 2
    assert document["generated"]
    assert document["signatories"] == [
        {
            "name": "Praxis Project",
            "level": "national",
            "state": "",
            "state_name": "",
            "note": "",
            "website": "https://praxis.example",
        },
        {
            "name": "Casa Latina",
            "level": "state",
            "state": "WA",
            "state_name": "Washington",
            "note": "for identification purposes only",
            "website": "",
        },
    ]


def test_csv_lists_the_same_with_a_header(client, signatories):
    response = client.get("/signatories.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == PUBLIC_FIELDS
    assert rows[1:] == [
        ["Praxis Project", "national", "", "", "", "https://praxis.example"],
        ["Casa Latina", "state", "WA", "Washington", "for identification purposes only", ""],
    ]


@pytest.mark.parametrize("path", ["/signatories.json", "/signatories.csv"])
def test_public_short_lived_cache_headers(client, signatories, path):
    response = client.get(path)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", f"max-age={open_data.MAX_AGE}"}
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


@pytest.mark.parametrize("path", ["/signatories.json", "/signatories.csv"])
def test_pending_unpublished_and_contact_details_never_appear(client, signatories, path):
    JoinRequestFactory(
        name="Pending Org", contact_name="Pat Secret", contact_email="pat@secret.example"
    )
    content = client.get(path).content.decode()
    for private in (
        "OneAmerica",
        "Pending Org",
        "Pat Secret",
        "pat@secret.example",
        "Seattle",
        "Tacoma",
    ):
        assert private not in content


def test_served_before_the_page_tree(db):
    assert resolve("/signatories.json").func is open_data.signatories_json
    assert resolve("/signatories.csv").func is open_data.signatories_csv


def test_only_reading_is_allowed(client, db):
    assert client.post("/signatories.json").status_code == 405


def test_files_are_cached_until_a_signatory_changes(client, signatories):
    assert names(client) == ["Praxis Project", "Casa Latina"]
    # An update that bypasses the model (and so its signals) is not seen: the file is cached.
    Signatory.objects.filter(pk=signatories["casa"].pk).update(name="Casa Latina Renamed")
    assert names(client) == ["Praxis Project", "Casa Latina"]

    praxis = signatories["praxis"]
    praxis.note = "national office"
    praxis.save()
    assert names(client) == ["Praxis Project", "Casa Latina Renamed"]


def test_publishing_and_unpublishing_show_in_the_next_response(client, signatories):
    draft = signatories["draft"]
    assert "OneAmerica" not in names(client)
    assert "OneAmerica" not in [row["name"] for row in get_csv_rows(client)]

    draft.save_revision().publish()
    assert "OneAmerica" in names(client)
    assert "OneAmerica" in [row["name"] for row in get_csv_rows(client)]

    draft.refresh_from_db()
    draft.unpublish()
    assert "OneAmerica" not in names(client)
    assert "OneAmerica" not in [row["name"] for row in get_csv_rows(client)]
    assert get_json(client)["count"] == 2


def test_deleting_shows_in_the_next_response(client, signatories):
    assert "Casa Latina" in names(client)
    signatories["casa"].delete()
    assert "Casa Latina" not in names(client)


def test_an_import_shows_in_the_next_response(client, signatories):
    assert "Imported Org" not in names(client)
    import_rows(read_rows("new.csv", b"name,state\nImported Org,TX\n"))
    assert "Imported Org" in names(client)


def test_csv_neutralises_formula_injection(client, db):
    SignatoryFactory(name="=cmd|' /C calc'!A0", state="TX", note="+1 555 0100")
    SignatoryFactory(name="@SUM(1+1)", state="TX", website="https://ok.example")
    rows = get_csv_rows(client)
    assert {row["name"] for row in rows} == {"'=cmd|' /C calc'!A0", "'@SUM(1+1)"}
    assert {row["note"] for row in rows} == {"'+1 555 0100", ""}
    # JSON is data, not a spreadsheet: it keeps the text as it is.
    assert "=cmd|' /C calc'!A0" in names(client)
