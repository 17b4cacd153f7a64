"""The join form's limit on requests from one network address, behind a trusted proxy or not."""

from django.test import override_settings

from signatories.models import JoinRequest

from ...helpers import form_data


@override_settings(JOIN_RATE_LIMIT=(2, 600))
def test_third_submission_from_one_address_is_refused(send):
    for name in ["Casa Latina", "Faith Action"]:
        assert send(form_data(name=name), REMOTE_ADDR="198.51.100.7").status_code == 302

    response = send(form_data(name="Neighbors United"), REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    assert "We have received several requests from your network" in response.content.decode()
    assert sorted(JoinRequest.objects.values_list("name", flat=True)) == [
        "Casa Latina",
        "Faith Action",
    ]


@override_settings(JOIN_RATE_LIMIT=(2, 600))
def test_rate_limit_is_kept_per_address(send):
    for name in ["Casa Latina", "Faith Action", "Neighbors United"]:
        send(form_data(name=name), REMOTE_ADDR="198.51.100.7")

    response = send(form_data(name="Neighbors United"), REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 302
    assert JoinRequest.objects.filter(name="Neighbors United").count() == 1


@override_settings(JOIN_RATE_LIMIT=(2, 600), TRUSTED_PROXY_COUNT=1)
def test_spoofed_forwarded_for_entry_does_not_reset_the_limit(send):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for index, name in enumerate(["Casa Latina", "Faith Action"]):
        response = send(
            form_data(name=name), HTTP_X_FORWARDED_FOR=f"192.0.2.{index}, 198.51.100.7", **proxy
        )
        assert response.status_code == 302

    response = send(
        form_data(name="Neighbors United"),
        HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7",
        **proxy,
    )

    assert response.status_code == 429
    assert not JoinRequest.objects.filter(name="Neighbors United").exists()


@override_settings(JOIN_RATE_LIMIT=(2, 600), TRUSTED_PROXY_COUNT=1)
def test_clients_behind_the_proxy_are_limited_separately(send):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for name in ["Casa Latina", "Faith Action"]:
        send(form_data(name=name), HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)

    response = send(form_data(name="Neighbors United"), HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)

    assert response.status_code == 302
    assert JoinRequest.objects.filter(name="Neighbors United").exists()


@override_settings(JOIN_RATE_LIMIT=(2, 600), TRUSTED_PROXY_COUNT=0)
def test_forwarded_for_is_ignored_without_a_trusted_proxy(send):
    for index, name in enumerate(["Casa Latina", "Faith Action"]):
        send(form_data(name=name), HTTP_X_FORWARDED_FOR=f"192.0.2.{index}")

    response = send(form_data(name="Neighbors United"), HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert response.status_code == 429
    assert JoinRequest.objects.count() == 2
