"""What a stored page and every other response carry in Content-Security-Policy: the public
site's policy, a nonce only where a page used one, and the admin's own policy."""

import pytest
from csp.decorators import csp_update
from csp.exceptions import CSPNonceError
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory

from campaign.caching import STATUS_HEADER
from campaign.middleware import ContentSecurityPolicyMiddleware

POLICY = "Content-Security-Policy"


def served(view, path="/"):
    """``view``'s response after the CSP middleware, as a request for ``path`` gets it."""
    middleware = ContentSecurityPolicyMiddleware(view)
    return middleware(RequestFactory().get(path))


def test_a_stored_page_carries_exactly_the_policy_django_csp_builds(client, site_pages):
    rendered = client.get("/")
    hit = client.get("/")
    assert hit[STATUS_HEADER] == "hit"
    assert hit[POLICY] == build_policy()
    assert "nonce-" not in hit[POLICY]
    # Stored with the page, as the middlewares inside the page cache set them.
    assert hit["Permissions-Policy"] == rendered["Permissions-Policy"]
    assert "camera=()" in hit["Permissions-Policy"]


def test_a_response_that_used_a_nonce_gets_its_own_in_the_header():
    nonces = []

    def view(request):
        nonces.append(str(request.csp_nonce))
        return HttpResponse("<script nonce>")

    first, second = served(view), served(view)
    assert nonces[0] != nonces[1]
    assert f"'nonce-{nonces[0]}'" in first[POLICY]
    assert f"'nonce-{nonces[1]}'" in second[POLICY]


def test_a_view_that_changes_its_policy_keeps_the_change():
    @csp_update({"img-src": ["https://tiles.example.org"]})
    def view(request):
        return HttpResponse("map")

    assert "https://tiles.example.org" in served(view)[POLICY]
    assert "https://tiles.example.org" not in served(lambda request: HttpResponse())[POLICY]


def test_the_admin_keeps_its_own_policy():
    policy = served(lambda request: HttpResponse(), "/admin/")[POLICY]
    assert "'unsafe-inline'" in policy


def test_a_nonce_asked_for_after_the_header_is_written_is_refused():
    request = RequestFactory().get("/")
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    middleware(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_a_changed_setting_changes_the_header(settings):
    assert "'none'" in served(lambda request: HttpResponse())[POLICY]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'", "cdn.example"]}}
    assert served(lambda request: HttpResponse())[POLICY] == "default-src 'self' cdn.example"
