"""Finding the same or a look-alike name costs the same however many wait under a heading.

Each join looks for both among the listed signatories and the waiting requests; a lookup that
read every row under the heading (every waiting request from California, during a campaign
push from there) would make each join slower than the last.
"""

import pytest
from django.db import connection

from signatories.joining.review_flags import waiting_request
from signatories.models import JoinRequest, Signatory

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="reads SQLite's query plans; PostgreSQL plans by table statistics",
)


def plans(lookup):
    """SQLite's plan for each query ``lookup`` runs, as it runs: with its parameters bound, not
    written into the text (equal literals would let SQLite plan another query)."""
    executed = []

    def record(execute, sql, params, many, context):
        executed.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        lookup()
    with connection.cursor() as cursor:
        for sql, params in executed:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            yield " ".join(row[3] for row in cursor.fetchall())


def newcomer():
    request = JoinRequest(name="Fresno Unity Alliance", level="state", state="CA")
    request.derive_fields()
    return request


@pytest.mark.django_db
def test_looking_among_listed_signatories_searches_by_name_or_skeleton_under_the_heading():
    searched = list(plans(lambda: Signatory.objects.same_or_lookalike(newcomer())))
    # One query, each of its two alternatives searching its own index under the heading.
    assert len(searched) == 1
    assert "(level=? AND state=? AND sort_key=?)" in searched[0]
    assert "(level=? AND state=? AND skeleton=?)" in searched[0]


@pytest.mark.django_db
def test_looking_among_waiting_requests_searches_by_name_or_skeleton_under_the_heading():
    searched = list(plans(lambda: waiting_request(newcomer())))
    assert len(searched) == 1
    assert "(kind=? AND level=? AND state=? AND sort_key=?)" in searched[0]
    assert "(kind=? AND level=? AND state=? AND skeleton=?)" in searched[0]
