"""What a request may send: forms in UTF-8, bodies within a limit, files only from editors.

Requests go through the whole middleware stack with a real CSRF cookie and token, as a
browser (or someone imitating one) sends them. Large bodies are produced as the server reads
them, so a test can tell how much of a body the site read before answering.
"""

import io
import os
import random
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from signatories.models import JoinRequest

from ..helpers import form_data
from ..process_helpers import run_python

MB = 1024 * 1024
URLENCODED = "application/x-www-form-urlencoded"
PUBLIC_FORMS = ["/join/", "/join/change/", "/join/confirm/not-a-real-token/"]


def browser(path="/join/"):
    """A client holding the CSRF cookie a visit to ``path`` gives, and the token to send."""
    client = Client(enforce_csrf_checks=True)
    assert client.get(path).status_code == 200
    return client, client.cookies[settings.CSRF_COOKIE_NAME].value


def join_fields(token):
    return {**form_data(), "csrfmiddlewaretoken": token}


class StreamedBody(io.RawIOBase):
    """A request body of ``size`` bytes made as it is read: ``head``, filler, then ``tail``.

    ``read_bytes`` tells how much of it the site read."""

    def __init__(self, head, size, tail=b""):
        super().__init__()
        self.head, self.tail, self.size = head, tail, size
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        start = self.read_bytes
        stop = min(self.size, start + len(buffer))
        filler_end = self.size - len(self.tail)
        data = (
            self.head[start:stop]
            + b"x" * max(0, min(stop, filler_end) - max(start, len(self.head)))
            + self.tail[max(0, start - filler_end) : max(0, stop - filler_end)]
        )
        buffer[: len(data)] = data
        self.read_bytes = stop
        return len(data)


def multipart_with_a_file(fields, file_size, filename="big.bin"):
    """A multipart body: ``fields``, then one file part of ``file_size`` bytes."""
    head = encode_multipart(BOUNDARY, fields)[: -len(f"--{BOUNDARY}--\r\n")]
    head += (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="attachment"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    return StreamedBody(head, len(head) + file_size + len(tail), tail)


def post_streamed(client, path, body, content_type=MULTIPART_CONTENT, **extra):
    return client.generic(
        "POST",
        path,
        content_type=content_type,
        **{"wsgi.input": body, "CONTENT_LENGTH": str(body.size), "CONTENT_TYPE": content_type},
        **extra,
    )


# --- forms must come in UTF-8 ------------------------------------------------------------------

CHARSETS = {
    # Django refuses it itself (a BadRequest), then fails again rendering its own 400 page,
    # whose CSRF check reads the same body: a 500.
    "form-utf-16": (URLENCODED, "utf-16"),
    "form-utf8-without-its-dash": (URLENCODED, "UTF8"),
    # Multipart bodies decoded in a codec that is not text, or not reversible, raise outright.
    "multipart-rot13": (MULTIPART_CONTENT, "rot13"),
    "multipart-idna": (MULTIPART_CONTENT, "idna"),
    "multipart-utf-16": (MULTIPART_CONTENT, "utf-16"),
}


def encoded(content_type, fields):
    if content_type == URLENCODED:
        return urlencode(fields).encode()
    return encode_multipart(BOUNDARY, fields)


@pytest.mark.parametrize("path", PUBLIC_FORMS)
@pytest.mark.parametrize("case", CHARSETS)
def test_a_form_sent_in_another_charset_is_a_400(site_pages, path, case):
    content_type, charset = CHARSETS[case]
    client, token = browser()
    body = encoded(content_type, join_fields(token))

    response = client.generic("POST", path, body, content_type=f"{content_type}; charset={charset}")

    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize("content_type", [URLENCODED, MULTIPART_CONTENT])
def test_a_form_declared_utf_8_is_accepted(site_pages, content_type):
    client, token = browser()
    body = encoded(content_type, join_fields(token))

    response = client.generic("POST", "/join/", body, content_type=f"{content_type}; charset=UTF-8")

    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1


# --- bodies within a limit ---------------------------------------------------------------------


def test_a_public_post_declaring_20_mb_is_refused_before_any_of_it_is_read(site_pages):
    client, token = browser()
    body = multipart_with_a_file(join_fields(token), 20 * MB)

    response = post_streamed(client, "/join/", body)

    assert response.status_code == 413
    assert body.read_bytes == 0
    assert not JoinRequest.objects.exists()


def test_a_long_urlencoded_public_post_is_a_413(site_pages):
    client, token = browser()
    fields = {**join_fields(token), "details": "x" * (settings.PUBLIC_REQUEST_MAX_BYTES + 1)}

    response = client.post("/join/change/", urlencode(fields), content_type=URLENCODED)

    assert response.status_code == 413
    assert not JoinRequest.objects.exists()


def test_the_refusal_is_logged(site_pages, caplog):
    client, token = browser()
    body = multipart_with_a_file(join_fields(token), 20 * MB)
    with caplog.at_level("WARNING", logger="campaign"):
        post_streamed(client, "/join/", body)

    assert f"refused a POST of {body.size} bytes to /join/" in caplog.text


# --- files only from editors, in the admin -----------------------------------------------------


def test_a_file_on_a_public_form_is_refused_and_nothing_is_stored(site_pages):
    client, token = browser()
    fields = {**join_fields(token), "logo": SimpleUploadedFile("logo.png", b"x" * 1000)}

    response = client.post("/join/", fields)

    assert response.status_code == 400
    assert not JoinRequest.objects.exists()


@override_settings(PUBLIC_REQUEST_MAX_BYTES=100 * MB)
def test_a_file_part_is_refused_before_its_content_is_read(site_pages):
    # Even where an operator lets large bodies through, a public form reads no file.
    client, token = browser()
    body = multipart_with_a_file(join_fields(token), 20 * MB)

    response = post_streamed(client, "/join/", body)

    assert response.status_code == 400
    assert body.read_bytes < 1 * MB
    assert not JoinRequest.objects.exists()


def test_an_anonymous_post_to_the_admin_sends_no_file(db):
    client, token = browser("/admin/login/")
    fields = {"username": "x", "password": "y", "csrfmiddlewaretoken": token}
    fields["avatar"] = SimpleUploadedFile("me.png", b"x" * 1000)

    assert client.post("/admin/login/", fields).status_code == 400


def test_an_anonymous_post_to_the_admin_reads_no_file(db):
    client, token = browser("/admin/login/")
    body = multipart_with_a_file({"csrfmiddlewaretoken": token}, 5 * MB)

    response = post_streamed(client, reverse("wagtailimages:add"), body)

    assert response.status_code == 400
    assert body.read_bytes < 1 * MB


def test_a_page_saved_after_the_session_expired_still_reaches_the_login(site_pages):
    # Larger than the public limit, as a long page is: Wagtail's redirect, not a 413.
    client, token = browser("/admin/login/")
    edit = reverse("wagtailadmin_pages:edit", args=[site_pages["statement"].pk])
    fields = {"csrfmiddlewaretoken": token, "title": "x" * 2 * settings.PUBLIC_REQUEST_MAX_BYTES}

    response = client.post(edit, fields)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def noise_png(size):
    side = int((size / 3) ** 0.5) + 1
    pixels = random.Random(0).randbytes(side * side * 3)  # noqa: S311 - test data
    output = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(output, "PNG")
    return output.getvalue()


def upload(client, content):
    file = SimpleUploadedFile("photo.png", content, content_type="image/png")
    return client.post(reverse("wagtailimages:add"), {"title": "Photo", "file": file})


def test_an_editor_uploads_an_image_larger_than_the_public_limit(admin_client):
    content = noise_png(3 * settings.PUBLIC_REQUEST_MAX_BYTES)

    assert upload(admin_client, content).status_code == 302
    assert get_image_model().objects.count() == 1


@override_settings(ADMIN_REQUEST_MAX_BYTES=200_000)
def test_an_editors_upload_over_the_admin_limit_is_a_413(admin_client):
    response = upload(admin_client, noise_png(300_000))

    assert response.status_code == 413
    assert not get_image_model().objects.exists()


def test_the_admin_limit_leaves_room_for_the_largest_upload_and_a_form():
    largest = max(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    assert settings.ADMIN_REQUEST_MAX_BYTES >= largest + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.mark.slow
def test_the_limits_are_read_from_the_environment(tmp_path):
    names = [
        "PUBLIC_REQUEST_MAX_BYTES",
        "ADMIN_REQUEST_MAX_BYTES",
        "DATA_UPLOAD_MAX_MEMORY_SIZE",
        "FILE_UPLOAD_MAX_MEMORY_SIZE",
    ]
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'campaign.settings.test'; "
        "django.setup(); from django.conf import settings; "
        f"print(*(getattr(settings, name) for name in {names!r}))"
    )
    env = {name: str(1000 + n) for n, name in enumerate(names)}
    result = run_python(script, {**os.environ, **env, "CAMPAIGN_VAR_DIR": str(tmp_path)})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1000", "1001", "1002", "1003"]
