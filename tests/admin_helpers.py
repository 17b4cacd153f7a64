"""Helpers for the admin's tests: its URLs, the page editor's form as a browser sends it, and
the signatory import's upload."""

import csv
import io
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from signatories.models import Signatory


def join_request_url(action, *args):
    """A page of the join request queue (wagtail-modeladmin): index, inspect, approve, ..."""
    return reverse(f"signatories_joinrequest_modeladmin_{action}", args=args)


def signatory_url(action, *args):
    return reverse(Signatory.snippet_viewset.get_url_name(action), args=args)


def bulk_url(action, signatories, next_url=None):
    query = [("id", signatory.pk) for signatory in signatories]
    if next_url:
        query.append(("next", next_url))
    path = reverse("wagtail_bulk_action", args=["signatories", "signatory", action])
    return f"{path}?{urlencode(query)}"


def listed_names(response):
    """Signatory names in the order the listing shows them."""
    assert response.status_code == 200
    return re.findall(r'<span id="snippet_\d+_title">(.*?)</span>', response.content.decode())


def create_form_data(name, level="state", state="WA", **extra):
    return {"name": name, "level": level, "state": state, "note": "", "city": "", **extra}


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def statement_edit_data(
    client, page, title, action="action-publish", paragraph="<p>We stand together.</p>"
):
    """The edit form as the browser would send it, with a new title and the page's body
    (its ``paragraph`` then the signatory list)."""
    response = client.get(page_edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField editor is built by JavaScript, so its inputs are not in the HTML.
    body = nested_form_data(
        {
            "body": streamfield(
                [
                    ("paragraph", rich_text(paragraph)),
                    (
                        "signatory_list",
                        {
                            "heading": "Signatories",
                            "show_count": "on",
                            "show_jump_navigation": "on",
                        },
                    ),
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    data.update(body)
    data["title"] = title
    data[action] = action
    return data


IMPORT_URL = "/admin/signatories/import/"


def csv_bytes(rows):
    output = io.StringIO()
    csv.writer(output).writerows(rows)
    return output.getvalue().encode()


def upload(client, content, filename="list.csv"):
    file = io.BytesIO(content)
    file.name = filename
    return client.post(IMPORT_URL, {"file": file})


class _ListingRows(HTMLParser):
    """The text of each cell of each body row of the page's listing tables."""

    def __init__(self):
        super().__init__()
        self.rows, self.depth, self.cell = [], 0, None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self.depth += 1 if "listing" in classes or self.depth else 0
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag == "td" and self.rows:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif tag == "td" and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def listing_rows(client, url):
    """The text of each cell of each row of the listing on an admin page."""
    response = client.get(url)
    assert response.status_code == 200
    parser = _ListingRows()
    parser.feed(response.content.decode())
    return [row for row in parser.rows if row]


def history_entries(client, url):
    """The entries an editor reads on an object's History page: (message, user) for each row;
    the message without the "Live version" tag Wagtail adds to the live revision's entry."""
    return [(row[0].removesuffix(" Live version"), row[1]) for row in listing_rows(client, url)]
