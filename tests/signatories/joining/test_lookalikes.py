"""Names that only look like a listed or waiting one ("Uni0n", "Civi1", "Cıvil"): flagged for
editors and caught as duplicates, on the join form and in imports."""

import pytest

from signatories.admin import moderation
from signatories.importing.planning import plan_import
from signatories.importing.reading import read_rows
from signatories.models import JoinRequest, Signatory

from ...admin_helpers import csv_bytes
from ...admin_helpers import join_request_url as admin_url
from ...factories import JoinRequestFactory, SignatoryFactory, UserFactory
from ...helpers import form_data


@pytest.fixture
def send(client, site_pages, django_capture_on_commit_callbacks):
    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/join/", data)

    return post


@pytest.mark.parametrize("lookalike", ["Civi1 Rights Union", "Cıvil Rights Uni0n"])
def test_a_lookalike_of_a_listed_name_is_flagged_and_approving_adds_no_second_listing(
    send, editor, lookalike
):
    civil = SignatoryFactory(name="Civil Rights Union", state="WA")

    response = send(form_data(name=lookalike))

    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert "lookalike_listed" in [flag["code"] for flag in join_request.review_flags]
    assert any("Civil Rights Union" in reason for reason in join_request.review_reasons)
    assert moderation.approve(join_request, editor, override_unconfirmed=True) == civil
    assert Signatory.objects.count() == 1


def test_a_lookalike_of_a_waiting_request_is_caught_as_its_duplicate(send, client):
    union = JoinRequestFactory(name="Workers Union", state="WA")

    send(form_data(name="Workers Uni0n", contact_email="x@example.net"))

    assert list(JoinRequest.objects.pending()) == [union]
    lookalike = JoinRequest.objects.get(name="Workers Uni0n")
    assert lookalike.duplicate_of == union
    assert "lookalike_waiting" in [flag["code"] for flag in lookalike.review_flags]
    client.force_login(UserFactory(groups=["Signatory editors"]))
    page = client.get(admin_url("approve", union.pk)).content.decode()
    assert "Workers Uni0n" in page


def test_a_cyrillic_lookalike_is_caught_too(send):
    JoinRequestFactory(name="Casa Latina", state="WA")

    send(form_data(name="Саsа Lаtinа"))

    assert JoinRequest.objects.pending().count() == 1


def test_a_different_name_is_its_own_request(send):
    JoinRequestFactory(name="Workers Union", state="WA")

    send(form_data(name="Workers United"))

    assert JoinRequest.objects.pending().count() == 2


def test_an_import_flags_lookalikes_of_listed_names_and_of_its_own_rows(db):
    SignatoryFactory(name="Civil Rights Union", state="WA")
    rows = read_rows(
        "list.csv",
        csv_bytes(
            [
                ["name", "state"],
                ["Civi1 Rights Union", "WA"],
                ["Workers Union", "WA"],
                ["Workers Uni0n", "WA"],
                ["Civil Rights Union", "OR"],
            ]
        ),
    )

    results = {result.number: result for result in plan_import(rows)}

    assert any("looks like “Civil Rights Union”" in w for w in results[2].warnings)
    assert results[3].warnings == []
    assert any("looks like row 3" in w for w in results[4].warnings)
    assert results[5].warnings == []


def test_the_import_preview_shows_the_lookalike(client, db):
    from ...admin_helpers import upload

    client.force_login(UserFactory(groups=["Signatory editors"]))
    SignatoryFactory(name="Civil Rights Union", state="WA")

    preview = upload(client, csv_bytes([["name", "state"], ["Civi1 Rights Union", "WA"]]))

    assert "looks like “Civil Rights Union”" in preview.content.decode()
