"""Security by default: headers, admin login lockout, password reset, uploads."""

import io
import random

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from ..factories import UserFactory
from ..helpers import csp

LOGIN_URL = "/admin/login/"
PASSWORD = "correct horse battery staple"


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


def test_admin_pages_load_no_image_from_another_site(client, db):
    # Wagtail would draw each editor's avatar from Gravatar, sending a hash of their address.
    editor = UserFactory(groups=["Signatory editors"], email="editor@example.org")
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html


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
    assert not get_image_model().objects.exists()


def png(width, height, noise=False):
    from PIL import Image

    if noise:  # noise does not compress, so the file is about width * height * 3 bytes
        pixels = random.Random(0).randbytes(width * height * 3)  # noqa: S311
        image = Image.frombytes("RGB", (width, height), pixels)
    else:
        image = Image.new("RGB", (width, height), "white")
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def upload_image(admin_client, content, name="photo.png"):
    file = SimpleUploadedFile(name, content, content_type="image/png")
    return admin_client.post(reverse("wagtailimages:add"), {"title": "Photo", "file": file})


def test_upload_limits_are_set():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=2_000)
def test_an_image_over_the_size_limit_is_refused(admin_client, db):
    content = png(60, 60, noise=True)
    assert len(content) > 2_000

    response = upload_image(admin_client, content)

    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=100)
def test_an_image_over_the_pixel_limit_is_refused(admin_client, db):
    response = upload_image(admin_client, png(20, 20))

    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "script.js"])
def test_documents_outside_the_allowed_types_are_refused(admin_client, db, name):
    file = SimpleUploadedFile(name, b"<script>alert(1)</script>", content_type="text/html")
    response = admin_client.post(reverse("wagtaildocs:add"), {"title": "Doc", "file": file})

    assert response.status_code == 200
    assert not get_document_model().objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1_000)
def test_a_document_over_the_size_limit_is_refused(admin_client, db):
    file = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 " + b"x" * 2_000)
    response = admin_client.post(reverse("wagtaildocs:add"), {"title": "Letter", "file": file})

    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def test_original_image_files_are_not_served_by_the_site(admin_client, client, db):
    """Only renditions are meant for the public; the site serves no file under MEDIA_URL."""
    assert upload_image(admin_client, png(20, 20)).status_code == 302
    image = get_image_model().objects.get()
    assert image.file.url.startswith("/media/original_images/")

    assert client.get(image.file.url).status_code == 404
