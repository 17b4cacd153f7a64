"""The hostile-text corpus is what the model really accepts: its websites are valid http(s)
URLs, and websites of any other scheme are refused, in the model and in the snippet form."""

import pytest
from django.core.exceptions import ValidationError

from signatories.choices import Level
from signatories.models import Signatory

from ..admin_helpers import signatory_url
from .xss import HOSTILE_WEBSITES


@pytest.mark.parametrize("website", HOSTILE_WEBSITES)
def test_hostile_websites_are_valid_http_urls(db, website):
    Signatory(name="Valid Org", level=Level.NATIONAL, website=website).full_clean()


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil"]
)
def test_websites_other_than_http_are_refused(db, website):
    with pytest.raises(ValidationError) as raised:
        Signatory(name="Valid Org", level=Level.NATIONAL, website=website).full_clean()
    assert "website" in raised.value.message_dict


def test_snippet_form_refuses_a_javascript_website(editor_client, site_pages):
    response = editor_client.post(
        signatory_url("add"),
        {
            "name": "Script Kiddies",
            "level": "national",
            "state": "",
            "note": "",
            "city": "",
            "website": "javascript:alert(1)",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 200
    assert not Signatory.objects.filter(name="Script Kiddies").exists()
