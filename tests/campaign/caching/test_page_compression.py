"""Stored pages are served Brotli- or gzip-compressed to browsers that accept it, the same
page as uncompressed, and named in Vary so no shared cache mixes the encodings up."""

import gzip

import brotli
import pytest

from campaign.caching.compression import accepted, compress

from .page_visits import cache_status


def body(response):
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.content)
    if encoding == "gzip":
        return gzip.decompress(response.content)
    assert encoding is None
    return response.content


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_stored_page_is_served_compressed_when_the_browser_accepts_it(client, listed, encoding):
    plain = client.get("/")
    compressed = client.get("/", HTTP_ACCEPT_ENCODING=encoding)
    assert cache_status(compressed) == "hit"
    assert compressed.headers["Content-Encoding"] == encoding
    assert int(compressed.headers["Content-Length"]) == len(compressed.content)
    assert len(compressed.content) < len(plain.content) / 2
    assert body(compressed) == plain.content
    assert "Casa Latina" in body(compressed).decode()


def test_the_first_visit_that_stores_the_page_is_compressed_too(client, listed):
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert cache_status(response) == "miss"
    assert response.headers["Content-Encoding"] == "br"
    assert "Casa Latina" in body(response).decode()


def test_every_encoding_of_a_stored_page_varies_on_accept_encoding(client, listed):
    client.get("/")
    for accept in ["", "gzip", "br"]:
        response = client.get("/", HTTP_ACCEPT_ENCODING=accept)
        vary = [name.strip().lower() for name in response.headers["Vary"].split(",")]
        assert "accept-encoding" in vary


def test_a_browser_that_accepts_no_encoding_gets_the_page_as_it_is(client, listed):
    client.get("/")
    response = client.get("/", HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in response.headers
    assert "Casa Latina" in response.content.decode()


def test_a_refused_encoding_is_not_used(client, listed):
    response = client.get("/", HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0.5")
    assert response.headers["Content-Encoding"] == "gzip"


def test_the_join_form_holding_a_csrf_token_is_never_compressed_by_the_page_cache(client, listed):
    # A page with a secret beside text a visitor controls is what BREACH reads.
    response = client.get("/join/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "Content-Encoding" not in response.headers


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("GZIP", "gzip"),
        ("br;q=0", None),
        ("br;q=0.0, gzip;q=1.0", "gzip"),
        ("*", "br"),
        ("identity", None),
        ("", None),
        (None, None),
        ("br;q=nonsense, gzip", "gzip"),
    ],
)
def test_the_accepted_encoding_follows_the_header(header, expected):
    assert accepted(header, {"br": b"", "gzip": b""}) == expected


def test_a_body_too_small_to_gain_is_left_uncompressed():
    assert compress(b"<p>short</p>") == {}
    assert set(compress(b"<p>Casa Latina</p>" * 200)) == {"br", "gzip"}
