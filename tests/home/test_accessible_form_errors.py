"""Form errors a screen reader can follow: a focused summary linking to each field, and each
field marked invalid and tied to its message."""

import re

from ..helpers import post_data
from .page_outline import PageOutline

JOIN_VALID = {
    "name": "Casa Latina",
    "state": "WA",
    "city": "",
    "website": "",
    "contact_name": "Maria Example",
    "contact_email": "maria@example.org",
    "consent": "on",
}


def test_join_form_errors_are_summarised_linked_and_tied_to_their_fields(client, site):
    data = post_data(JOIN_VALID, contact_email="maria-at-example", consent=None)

    response = client.post("/join/", data)

    html = response.content.decode()
    page = PageOutline(html)
    tag, summary = page.by_id["form-errors"]
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    assert "data-error-summary" in summary
    start = html.index('id="form-errors"')
    summary_html = html[start : html.index("</div>", start)]
    links = re.findall(r'<a href="#([^"]+)">', summary_html)
    assert links == ["id_contact_email", "id_consent"]
    for field_id in links:
        tag, attrs = page.by_id[field_id]
        assert attrs["aria-invalid"] == "true"
        error_id = f"{field_id}_error"
        assert error_id in attrs["aria-describedby"].split()
        assert error_id in page.by_id
    # Fields without errors are not marked invalid, and what was typed is kept.
    assert "aria-invalid" not in page.by_id["id_name"][1]
    assert page.by_id["id_name"][1]["value"] == "Casa Latina"
    # Focus moves to the summary through a static script: the CSP allows no inline one.
    assert any(s.get("src", "").endswith("js/form_errors.js") for s in page.scripts)
    assert client.get("/static/js/form_errors.js").status_code == 200


def test_change_form_links_a_radio_group_error_to_its_first_button(client, site):
    data = post_data(
        {"name": "Casa Latina", "state": "WA", "contact_name": "M", "contact_email": "m@x.org"}
    )

    html = client.post("/join/change/", data).content.decode()

    assert '<a href="#id_change_0">' in html
    tag, first_button = PageOutline(html).by_id["id_change_0"]
    assert (tag, first_button["type"]) == ("input", "radio")
    # The radio group's fieldset points at the message; the buttons are marked invalid.
    assert re.search(r'<fieldset aria-describedby="[^"]*id_change_error', html)


def test_a_form_without_errors_has_no_summary(client, site):
    html = client.get("/join/").content.decode()
    assert 'id="form-errors"' not in html
    assert 'aria-invalid="true"' not in html
