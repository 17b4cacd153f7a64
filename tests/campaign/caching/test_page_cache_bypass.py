"""What the page cache never stores or serves: editors' and messaged visitors' pages, previews
and drafts, responses carrying something of one visitor's; and what its keys vary by."""

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from campaign.caching import allow_storing
from campaign.caching.page_cache import STATUS_HEADER, PageCacheMiddleware, cache_key

from ...admin_helpers import page_edit_url, statement_edit_data
from .page_visits import cache_status, page_text


def test_logged_in_editors_bypass_the_cache_and_are_not_stored(client, listed, editor):
    client.force_login(editor)
    response, _ = page_text(client)
    assert STATUS_HEADER not in response
    anonymous = Client()
    first, _ = page_text(anonymous)
    assert cache_status(first) == "miss"


def test_visitors_with_a_message_waiting_bypass_the_cache(client, listed):
    page_text(client)
    client.cookies["messages"] = "something"
    response, _ = page_text(client)
    assert STATUS_HEADER not in response


def test_tracking_parameters_share_the_entry_and_other_queries_bypass(client, listed):
    page_text(client)
    shared, _ = page_text(client, "/?utm_source=newsletter&fbclid=abc")
    assert cache_status(shared) == "hit"
    other, _ = page_text(client, "/?state=WA")
    assert STATUS_HEADER not in other


def test_a_draft_seen_in_preview_never_reaches_visitors(client, site_pages, editor):
    page_text(Client())
    statement = site_pages["statement"]
    client.force_login(editor)
    draft = "Unreviewed draft wording."
    # As the editor's browser does: the edit form goes to the preview URL, then the preview
    # panel GETs it, rendered from that data.
    data = statement_edit_data(
        client, statement, statement.title, action="action-save", paragraph=f"<p>{draft}</p>"
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[statement.pk])
    assert client.post(preview_url, data).json() == {"is_valid": True, "is_available": True}
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert draft in preview.content.decode()

    for _ in range(2):
        public, html = page_text(Client())
        assert draft not in html
        assert "We stand together." in html
    assert cache_status(public) == "hit"
    # Saved as a draft, as an editor does before asking for review: still not for visitors.
    assert client.post(page_edit_url(statement), data).status_code == 302
    _, html = page_text(Client())
    assert draft not in html


def serve_twice(spend):
    """Two visits to a storable page that ``spend``s something of one visitor's, through the
    page cache outside django-csp's and Django's CSRF middleware, as the site has them."""
    renders = []

    def view(request):
        renders.append(request)
        response = HttpResponse("page")
        if spend == "csrf":
            get_token(request)
        elif spend == "nonce":
            str(request.csp_nonce)
        elif spend == "cookie":
            response.set_cookie("tracker", "1")
        elif spend == "private":
            response["Cache-Control"] = "private"
        return allow_storing(response)

    stack = PageCacheMiddleware(CSPMiddleware(CsrfViewMiddleware(view)))
    for _ in range(2):
        stack(RequestFactory().get("/"))
    return len(renders)


@pytest.mark.parametrize("spend", ["csrf", "nonce", "cookie", "private"])
def test_a_response_with_a_csrf_token_nonce_cookie_or_private_is_not_stored(spend):
    assert serve_twice(spend) == 2


def test_a_storable_response_with_nothing_of_one_visitors_is_stored():
    assert serve_twice(None) == 1


def test_keys_vary_by_path_host_and_not_by_tracking_parameters():
    factory = RequestFactory()
    home = cache_key(factory.get("/", HTTP_HOST="localhost"))
    assert home == cache_key(factory.get("/?utm_campaign=x", HTTP_HOST="localhost"))
    assert home != cache_key(factory.get("/es/", HTTP_HOST="localhost"))
    assert home != cache_key(factory.get("/", HTTP_HOST="other.example.org"))
    assert cache_key(factory.post("/")) is None
    assert cache_key(factory.get("/admin/")) is None
    assert cache_key(factory.get("/static/css/site.css")) is None
    assert cache_key(factory.get("/media/images/logo.png")) is None
