"""Which address a request counts as the client's, for rate limits, behind trusted proxies."""

import pytest
from django.test import RequestFactory, override_settings

from campaign.rate_limits import client_ip

PROXY = "10.0.0.1"


def request_from(forwarded_for=None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/join/", **extra)


@override_settings(TRUSTED_PROXY_COUNT=2)
@pytest.mark.parametrize("forwarded_for", [None, "", " , ", "192.0.2.99"])
def test_fewer_forwarded_entries_than_trusted_proxies_fall_back_to_the_peer_address(
    forwarded_for,
):
    # Two proxies each append an entry, so one entry means a proxy was bypassed: the lone
    # entry is whatever the sender wrote, and trusting it would let a client pick its key.
    assert client_ip(request_from(forwarded_for)) == PROXY


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_with_as_many_entries_as_trusted_proxies_the_leftmost_is_the_client():
    assert client_ip(request_from("198.51.100.7, 10.0.0.9")) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_entries_further_left_than_the_trusted_proxies_are_the_clients_own_claim():
    request = request_from("192.0.2.99, 198.51.100.7, 10.0.0.9")

    assert client_ip(request) == "198.51.100.7"
