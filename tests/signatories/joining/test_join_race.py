"""Two identical requests at once: one stored to wait for editors, the other kept with it."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from signatories.joining.forms import JoinForm
from signatories.joining.join_requests import store_request
from signatories.models import JoinRequest

from ...factories import JoinRequestFactory
from ...helpers import form_data


def submit(form_class=JoinForm, **changes):
    """What the join view does with a valid POST: the stored request's status, or the
    refusal's code."""
    form = form_class(form_data(**changes))
    assert form.is_valid(), form.errors
    try:
        return store_request(form).status
    except ValidationError as refusal:
        return refusal.code


def test_the_checks_run_in_the_transaction_that_inserts(site_pages):
    with CaptureQueriesContext(connection) as queries:
        assert submit() == JoinRequest.Status.PENDING

    sql = [query["sql"].upper() for query in queries.captured_queries]
    # Inside pytest's own transaction, atomic() is a savepoint; on its own it is BEGIN.
    start = next(n for n, q in enumerate(sql) if q.startswith(("SAVEPOINT", "BEGIN")))
    # The list is looked at once, for the refusal and the editors' flags alike.
    listed = [n for n, q in enumerate(sql) if 'FROM "SIGNATORIES_SIGNATORY"' in q]
    assert len(listed) == 1
    signed = listed[0]
    waiting = next(n for n, q in enumerate(sql) if "FROM" in q and "SIGNATORIES_JOINREQUEST" in q)
    insert = next(n for n, q in enumerate(sql) if q.startswith("INSERT INTO"))
    end = next(n for n, q in enumerate(sql) if q.startswith(("RELEASE", "COMMIT")))
    assert start < signed < waiting < insert < end


def test_a_request_already_waiting_is_found_at_storing(site_pages):
    form = JoinForm(form_data())
    assert form.is_valid()
    # Sent by someone else between this form's validation and its storing.
    waiting = JoinRequestFactory(name="Casa Latina", state="WA")

    stored = store_request(form)

    assert stored.duplicate_of == waiting
    assert list(JoinRequest.objects.pending()) == [waiting]


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://...): SQLite's IMMEDIATE transactions "
    "take turns, so both checks cannot pass at once there (bench/load_join.py covers it)",
)
# serialized_rollback: an earlier transactional test's flush would leave no Locale or root page.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_duplicates_store_one_waiting_and_keep_the_other_with_it(site_pages):
    both_checked = threading.Barrier(2, timeout=20)

    class RacingForm(JoinForm):
        """Waits after its first check until the other request has checked too."""

        waited = False

        def check_against_list(self, join_request):
            super().check_against_list(join_request)
            if not self.waited:
                self.waited = True
                both_checked.wait()

    def racer(_):
        try:
            return submit(RacingForm)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(racer, range(2)))

    # Both looks found nothing; the one-pending-per-name constraint refused the second insert,
    # and looking again found the first.
    assert outcomes == [JoinRequest.Status.DUPLICATE, JoinRequest.Status.PENDING]
    assert JoinRequest.objects.pending().count() == 1
    assert JoinRequest.objects.count() == 2
