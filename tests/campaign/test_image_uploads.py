"""Image uploads: a PNG whose chunks inflate far beyond its size is a form error, never a 500.

The files are built byte by byte (zlib and struct, tests/png_helpers.py) and read by the real
Pillow, through every admin view an editor uploads an image with.
"""

import json
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from ..png_helpers import png, png_chunk, png_comment_inflating_to

REFUSAL = "Upload a valid image"

# 16 MB of zeros deflate to about 16 KB: far under every upload limit, far over what Pillow
# agrees to inflate for one chunk (1 MB).
BIG_COMMENT = png_comment_inflating_to(16 * 1024 * 1024)
BIG_PROFILE = png_chunk(b"iCCP", b"sRGB\x00\x00" + zlib.compress(bytes(16 * 1024 * 1024), 9))
# Each just under Pillow's limit per chunk; a hundred pass its limit for all text (64 MB).
MANY_COMMENTS = png_comment_inflating_to(1024 * 1024 - 1024) * 100

CRAFTED = {
    "ztxt-comment": png(before_pixels=BIG_COMMENT),
    "iccp-profile": png(before_pixels=BIG_PROFILE),
    # Pillow reads chunks after the pixels only when it decodes them.
    "ztxt-after-the-pixels": png(after_pixels=BIG_COMMENT),
    "a-hundred-text-chunks": png(before_pixels=MANY_COMMENTS),
}


def image_file(content, name="photo.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


def add(client, content):
    data = {"title": "Photo", "file": image_file(content)}
    return client.post(reverse("wagtailimages:add"), data)


def add_multiple(client, content):
    return client.post(reverse("wagtailimages:add_multiple"), {"files[]": image_file(content)})


def add_from_chooser(client, content):
    # The "Upload" tab of the image chooser, as a page editor uses it.
    data = {"image-chooser-upload-title": "Photo", "image-chooser-upload-file": image_file(content)}
    return client.post(reverse("wagtailimages_chooser:create"), data)


UPLOADS = {"add": add, "add-multiple": add_multiple, "chooser": add_from_chooser}


@pytest.mark.parametrize("kind", CRAFTED)
@pytest.mark.parametrize("upload", UPLOADS)
def test_a_png_that_inflates_too_far_is_a_form_error(admin_client, kind, upload):
    content = CRAFTED[kind]
    assert len(content) < 200_000

    response = UPLOADS[upload](admin_client, content)

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("upload", UPLOADS)
def test_a_plain_png_is_still_accepted_by_each_upload(admin_client, upload):
    response = UPLOADS[upload](admin_client, png())

    assert response.status_code in (200, 302)
    assert get_image_model().objects.count() == 1
    if upload == "add-multiple":
        assert json.loads(response.content)["success"] is True


def test_replacing_an_image_with_a_crafted_png_keeps_the_original(admin_client):
    assert add(admin_client, png()).status_code == 302
    image = get_image_model().objects.get()
    original = image.file.name

    url = reverse("wagtailimages:edit", args=[image.pk])
    data = {"title": "Photo", "file": image_file(CRAFTED["ztxt-after-the-pixels"])}
    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == original


def test_the_refusal_is_logged(admin_client, caplog):
    with caplog.at_level("WARNING", logger="campaign"):
        add(admin_client, CRAFTED["iccp-profile"])

    assert "photo.png" in caplog.text
    assert "Decompressed data too large" in caplog.text
