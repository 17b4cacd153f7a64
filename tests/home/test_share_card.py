"""The share image the site draws: its size, what it shows changing with the count and the
title, one file per content version (never drawn per request), and the share tags using it
unless an editor uploaded an image."""

import io
from urllib.parse import urlparse

import pytest
import wagtail_factories
from django.core.files.storage import default_storage
from PIL import Image
from wagtail.models import Site

from home.models import OrganizerSettings
from home.share_card import STORAGE_DIR

from ..factories import SignatoryFactory
from .page_outline import outline


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    # Each test counts the card files it made itself.
    settings.MEDIA_ROOT = tmp_path


def card_files():
    if not default_storage.exists(STORAGE_DIR):
        return []
    return sorted(default_storage.listdir(STORAGE_DIR)[1])


def og_image(client, path="/"):
    return outline(client.get(path)).meta["og:image"]


def fetch(client, url):
    parts = urlparse(url)
    return client.get(parts.path, {"v": parts.query.removeprefix("v=")})


def test_share_image_is_a_1200_by_630_png_served_from_a_stable_url(client, site):
    SignatoryFactory.create_batch(3)

    response = client.get("/share-card.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_statement_share_tags_use_the_drawn_image_with_its_size_and_a_truthful_alt(client, site):
    SignatoryFactory.create_batch(3)

    meta = outline(client.get("/")).meta

    url = urlparse(meta["og:image"])
    assert (url.scheme, url.netloc, url.path) == ("http", "localhost", "/share-card.png")
    assert url.query.startswith("v=")
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["twitter:card"] == "summary_large_image"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image:alt"] == "Our statement: 3 organizations have signed"


def test_the_image_and_its_url_change_when_the_count_changes(client, site):
    SignatoryFactory.create_batch(2)
    before_url = og_image(client)
    before = b"".join(fetch(client, before_url).streaming_content)

    SignatoryFactory()
    after_url = og_image(client)
    after = b"".join(fetch(client, after_url).streaming_content)

    assert after_url != before_url
    assert after != before
    assert len(card_files()) == 2


def test_the_image_url_changes_when_the_title_changes(client, site):
    before = og_image(client)
    statement = site["statement"]
    statement.title = "A new title"
    statement.save_revision().publish()

    assert og_image(client) != before


def test_the_image_is_drawn_once_per_version_not_per_request(client, site):
    SignatoryFactory()
    first = b"".join(client.get("/share-card.png").streaming_content)
    [name] = card_files()
    modified = default_storage.get_modified_time(f"{STORAGE_DIR}/{name}")

    for _ in range(3):
        again = b"".join(client.get("/share-card.png").streaming_content)

    assert again == first
    assert card_files() == [name]
    assert default_storage.get_modified_time(f"{STORAGE_DIR}/{name}") == modified


def test_an_uploaded_share_image_replaces_the_drawn_one(client, site):
    statement = site["statement"]
    statement.share_image = wagtail_factories.ImageFactory(title="Our banner")
    statement.save_revision().publish()

    meta = outline(client.get("/")).meta

    assert "/share-card.png" not in meta["og:image"]
    assert urlparse(meta["og:image"]).path.startswith("/media/images/")


def test_pages_without_their_own_image_share_the_statements_card(client, site):
    assert urlparse(og_image(client, "/take-action/")).path == "/share-card.png"
    assert og_image(client, "/join/") == og_image(client, "/")


def test_spanish_pages_share_a_spanish_card(client, seeded_site):
    SignatoryFactory()
    english = og_image(client, "/")
    spanish = og_image(client, "/es/")

    assert urlparse(spanish).path == "/es/share-card.png"
    assert urlparse(spanish).query != urlparse(english).query
    assert outline(client.get("/es/")).meta["og:image:alt"].endswith("1 organización ha firmado")
    response = fetch(client, spanish)
    assert response.status_code == 200


def test_the_organizers_logo_and_name_are_part_of_the_image(client, site):
    before = og_image(client)
    organizer = OrganizerSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        name="Immigrant Justice Coalition",
        logo=wagtail_factories.ImageFactory(title="Logo"),
    )
    with_logo = og_image(client)
    image = Image.open(io.BytesIO(b"".join(fetch(client, with_logo).streaming_content)))

    assert with_logo != before
    assert image.size == (1200, 630)
    organizer.logo = None
    organizer.save()
    assert og_image(client) not in (before, with_logo)


def test_a_very_long_title_is_drawn_within_the_card(client, site):
    statement = site["statement"]
    statement.title = ("A statement " * 21).strip()  # 251 characters, under the 255 allowed
    statement.save_revision().publish()

    response = fetch(client, og_image(client))

    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.size == (1200, 630)
