"""The box cache's counts and claims, each one statement on a table of its own."""

import pytest
from django.db import connections

from campaign.cache_backends import claim
from campaign.cache_backends.box import (
    CACHE_DATABASE,
    COUNTS_TABLE,
    BoxCache,
    create_cache_table,
)
from campaign.settings import services

pytestmark = pytest.mark.django_db(databases=["default", CACHE_DATABASE])


@pytest.fixture
def box(settings):
    settings.CACHES = {**settings.CACHES, "box": services.box_cache()}
    create_cache_table()
    cache = BoxCache("campaign_cache", {})
    cache.clear()
    return cache


def test_events_in_one_window_add_up(box):
    assert [box.count("ratelimit:join:203.0.113.7", 600) for _ in range(3)] == [1, 2, 3]


def test_each_key_counts_on_its_own(box):
    box.count("ratelimit:join:203.0.113.7", 600)
    assert box.count("ratelimit:join:198.51.100.1", 600) == 1


def test_a_window_that_has_ended_starts_again_at_one(box):
    # A window of no length has ended by the next event.
    assert box.count("ratelimit:join:203.0.113.7", 0) == 1
    assert box.count("ratelimit:join:203.0.113.7", 0) == 1


def test_the_first_claim_holds_the_key_and_the_next_is_refused(box):
    assert claim(box, "spent:token", 600) is True
    assert claim(box, "spent:token", 600) is False
    assert claim(box, "spent:other-token", 600) is True


def test_a_claim_whose_time_is_over_can_be_claimed_again(box):
    assert claim(box, "sweep-scheduled", 0) is True
    assert claim(box, "sweep-scheduled", 600) is True
    assert claim(box, "sweep-scheduled", 600) is False


def test_clearing_the_cache_clears_counts_and_claims(box):
    box.count("ratelimit:join:203.0.113.7", 600)
    claim(box, "spent:token", 600)
    box.clear()
    assert box.count("ratelimit:join:203.0.113.7", 600) == 1
    assert claim(box, "spent:token", 600) is True


def test_counting_and_claiming_leave_django_s_own_cache_table_alone(box):
    box.count("ratelimit:join:203.0.113.7", 600)
    claim(box, "spent:token", 600)
    assert box.get("ratelimit:join:203.0.113.7") is None
    with connections[CACHE_DATABASE].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {COUNTS_TABLE}")  # noqa: S608 - a constant name
        assert cursor.fetchone()[0] == 2


def test_other_caches_claim_with_add(settings):
    from django.core.cache import caches

    memory = caches["pages"]
    assert claim(memory, "sweep-scheduled", 600) is True
    assert claim(memory, "sweep-scheduled", 600) is False
    assert memory.get("sweep-scheduled") is True
