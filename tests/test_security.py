"""Security by default: headers, admin login lockout, password reset, uploads."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from .factories import UserFactory

LOGIN_URL = "/admin/login/"
PASSWORD = "correct horse battery staple"


def csp(response):
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


@pytest.mark.parametrize("path", ["/", "/join/"])
def test_public_pages_send_strict_headers(client, site_pages, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = csp(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["script-src"].startswith("'self'")
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_admin_gets_the_policy_wagtail_can_live_with(client, db):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    policy = csp(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == "'self'"
    assert response["X-Frame-Options"] == "DENY"


@override_settings(SECURE_HSTS_SECONDS=3600, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_on_https(client, site_pages):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"


def attempt(client, username, password, forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(LOGIN_URL, {"username": username, "password": password}, **extra)


def logged_in(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


@override_settings(AXES_FAILURE_LIMIT=3)
def test_admin_login_locks_after_failures(client, db):
    UserFactory(username="editor", is_superuser=True)
    for _ in range(2):
        assert attempt(client, "editor", "wrong").status_code == 200
    # The third failure reaches the limit; from then on even the right password is refused.
    assert attempt(client, "editor", "wrong").status_code == 429
    locked = attempt(client, "editor", PASSWORD)
    assert locked.status_code == 429
    assert not logged_in(client)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_rotating_forwarded_for_does_not_reset_the_lock(client, db):
    UserFactory(username="editor", is_superuser=True)
    for n in range(3):
        attempt(client, "editor", "wrong", forwarded_for=f"203.0.113.{n}")
    assert attempt(client, "editor", PASSWORD, forwarded_for="198.51.100.7").status_code == 429
    assert not logged_in(client)


@override_settings(AXES_FAILURE_LIMIT=3, TRUSTED_PROXY_COUNT=1)
def test_one_address_trying_many_names_is_locked(client, db):
    UserFactory(username="editor", is_superuser=True)
    for name in ["alice", "bob", "carol"]:
        attempt(client, name, "wrong", forwarded_for="203.0.113.9")
    assert attempt(client, "editor", PASSWORD, forwarded_for="203.0.113.9").status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_good_login_below_the_limit_works(client, db):
    UserFactory(username="editor", is_superuser=True)
    attempt(client, "editor", "wrong")
    assert attempt(client, "editor", PASSWORD).status_code == 302
    assert logged_in(client)


def test_password_reset_does_not_reveal_accounts(client, db):
    UserFactory(username="editor", email="editor@example.org", is_superuser=True)
    url = reverse("wagtailadmin_password_reset")
    known = client.post(url, {"email": "editor@example.org"})
    unknown = client.post(url, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]


def test_svg_images_are_refused(admin_client, db):
    svg = SimpleUploadedFile(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Logo", "file": svg})
    assert response.status_code == 200
    from wagtail.images import get_image_model

    assert not get_image_model().objects.exists()
