"""Hostile text on the public surfaces: the statement page escapes it and turns none of it into
markup, the JSON open data keeps it exact, and the CSV open data neutralises formulas."""

import csv
import io
import json
import re

from django.utils.html import escape

from .xss import HOSTILE_WEBSITES, PAYLOADS, assert_inert, assert_shown_escaped, get_html


def test_public_statement_page_escapes_every_payload(client, hostile):
    html = get_html(client, "/")
    for payload in PAYLOADS:
        assert_inert(html, payload, "/")
        assert_shown_escaped(html, payload.strip(), "/")
    for website in HOSTILE_WEBSITES:
        assert f'href="{website}"' not in html
        assert f'href="{escape(website)}"' in html
    # Cities are never public.
    assert "signatory__city" not in html


def test_open_data_json_round_trips_every_payload_exactly(client, hostile):
    response = client.get("/signatories.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    document = json.loads(response.content.decode("utf-8"))
    by_name = {record["name"]: record for record in document["signatories"]}
    for signatory in hostile["signatories"]:
        record = by_name[signatory.name]
        assert record["note"] == signatory.note
        assert record["website"] == signatory.website
        assert "city" not in record
    # Names are stored as typed, with runs of whitespace (CR/LF included) made one space.
    assert set(by_name) >= {" ".join(payload.split()) for payload in PAYLOADS}
    # Contact details and request text are not open data.
    assert "contact0@example.org" not in response.content.decode()


def test_open_data_csv_neutralises_formulas_and_keeps_the_text(client, hostile):
    response = client.get("/signatories.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    names = {row["name"] for row in rows}
    for signatory in hostile["signatories"]:
        if signatory.name[0] in "=+-@":
            assert f"'{signatory.name}" in names
            assert signatory.name not in names
        else:
            assert signatory.name in names
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)


def test_public_page_has_no_event_handlers_or_inline_scripts(client, hostile):
    """No payload becomes markup: no on* attribute anywhere, every script is an external file."""
    html = get_html(client, "/")
    assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", html)
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script, script
