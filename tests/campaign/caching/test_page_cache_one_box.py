"""The page cache on one box, as production runs without Redis: pages in a directory of files,
the generation in a file of its own. A hit costs no SQL, and a change made in another process
(a second worker, a management command) shows."""

import os

import pytest
from django.core.cache import caches

from campaign.caching.generation import GENERATION_KEY, current_generation, new_generation
from signatories.admin import moderation
from signatories.models import Signatory

from ...factories import JoinRequestFactory
from ...process_helpers import run_python
from .page_visits import cache_status, page_text

FILE_CACHE = "django.core.cache.backends.filebased.FileBasedCache"

# Another process on the same box, as a second gunicorn worker or a management command is.
START_GENERATION_ELSEWHERE = """
import sys
import django
from django.conf import settings

django.setup()
settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": sys.argv[1], "LOCATION": sys.argv[2]}}
settings.CACHE_GENERATION_FILE = sys.argv[3]
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from campaign.caching.generation import new_generation

assert isinstance(caches["pages"], FileBasedCache)
new_generation()
"""


@pytest.fixture
def file_pages(settings, tmp_path):
    location = tmp_path / "pages"
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": FILE_CACHE, "LOCATION": location}}
    settings.CACHE_GENERATION_FILE = tmp_path / "generation"
    return location


def start_generation_in_another_process(location):
    script = START_GENERATION_ELSEWHERE.replace("sys.argv[1]", repr(FILE_CACHE))
    script = script.replace("sys.argv[2]", repr(str(location)))
    script = script.replace("sys.argv[3]", repr(str(location.parent / "generation")))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "campaign.settings.test"}
    result = run_python(script, env)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_on_one_box_a_hit_costs_no_sql_and_a_change_in_another_process_shows(
    client, listed, file_pages, django_assert_num_queries
):
    assert cache_status(page_text(client)[0]) == "miss"
    with django_assert_num_queries(0):
        assert cache_status(page_text(client)[0]) == "hit"
    before = current_generation()
    start_generation_in_another_process(file_pages)
    assert current_generation() != before
    response, html = page_text(client)
    assert cache_status(response) == "miss"
    assert "Casa Latina" in html


def test_on_one_box_an_approval_shows_on_the_next_visit(client, listed, file_pages, editor):
    page_text(client)
    assert cache_status(page_text(client)[0]) == "hit"
    moderation.approve(JoinRequestFactory(name="Tucson Sanctuary Network", state="AZ"), editor)
    response, html = page_text(client)
    assert cache_status(response) == "miss"
    assert "Tucson Sanctuary Network" in html


def test_on_one_box_a_lost_generation_file_starts_a_new_generation(client, listed, file_pages):
    page_text(client)
    before = current_generation()
    (file_pages.parent / "generation").unlink()
    assert current_generation() not in (None, before)
    assert cache_status(page_text(client)[0]) == "miss"


def test_on_one_box_the_generation_is_a_file_of_its_own(file_pages):
    generation_file = file_pages.parent / "generation"
    generation = current_generation()
    assert generation_file.read_text() == generation
    assert caches["pages"].get(GENERATION_KEY) is None
    new_generation()
    assert current_generation() == generation_file.read_text() != generation


@pytest.mark.slow
def test_on_one_box_another_processs_change_also_rebuilds_the_cached_list(
    client, listed, file_pages
):
    """The list's own cache follows the same generation as the page: a change saved by
    another process (no signal here) shows once that process starts a new generation."""
    assert "Casa Latina" in page_text(client)[1]
    Signatory.objects.filter(pk=listed.pk).update(name="Casa Latina Renamed")
    assert "Casa Latina Renamed" not in page_text(client)[1]
    start_generation_in_another_process(file_pages)
    assert "Casa Latina Renamed" in page_text(client)[1]
