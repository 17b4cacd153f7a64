"""Two identical requests at once: one stored, the other refused with the form's message."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from signatories.joining.forms import JoinForm
from signatories.joining.join_requests import record_join_request
from signatories.models import JoinRequest

from ...factories import JoinRequestFactory
from ...helpers import form_data


def submit(form_class=JoinForm, **changes):
    """What the join view does with a valid POST: "stored" or the refusal's code."""
    form = form_class(form_data(**changes))
    assert form.is_valid(), form.errors
    try:
        record_join_request(form)
    except ValidationError as refusal:
        return refusal.code
    return "stored"


def test_the_already_signed_check_runs_in_the_transaction_that_inserts(site_pages):
    with CaptureQueriesContext(connection) as queries:
        assert submit() == "stored"

    sql = [query["sql"].upper() for query in queries.captured_queries]
    # Inside pytest's own transaction, atomic() is a savepoint; on its own it is BEGIN.
    start = next(n for n, q in enumerate(sql) if q.startswith(("SAVEPOINT", "BEGIN")))
    check = next(n for n, q in enumerate(sql) if "FROM" in q and "SIGNATORIES_SIGNATORY" in q)
    insert = next(n for n, q in enumerate(sql) if q.startswith("INSERT INTO"))
    end = next(n for n, q in enumerate(sql) if q.startswith(("RELEASE", "COMMIT")))
    assert start < check < insert < end
    # A request already waiting is the constraint's to refuse: nothing looks for one first.
    assert not any("FROM" in q and "SIGNATORIES_JOINREQUEST" in q for q in sql[:insert])


def test_a_request_already_waiting_is_refused_at_storing(site_pages):
    form = JoinForm(form_data())
    assert form.is_valid()
    # Sent by someone else between this form's validation and its storing.
    JoinRequestFactory(name="Casa Latina", state="WA")

    with pytest.raises(ValidationError) as refusal:
        record_join_request(form)

    assert refusal.value.code == "already_received"
    assert JoinRequest.objects.count() == 1


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://...): SQLite's IMMEDIATE transactions "
    "take turns, so both checks cannot pass at once there (bench/load_join.py covers it)",
)
# serialized_rollback: an earlier transactional test's flush would leave no Locale or root page.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_duplicates_store_one_and_refuse_the_other(site_pages):
    both_checked = threading.Barrier(2, timeout=20)

    class RacingForm(JoinForm):
        """Waits after its first check until the other request has checked too."""

        waited = False

        def refusal_no_constraint_enforces(self, join_request):
            answer = super().refusal_no_constraint_enforces(join_request)
            if not self.waited:
                self.waited = True
                both_checked.wait()
            return answer

    def racer(_):
        try:
            return submit(RacingForm)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(racer, range(2)))

    # Both checks found nothing; the one-pending-per-name constraint refused the second.
    assert outcomes == ["already_received", "stored"]
    assert JoinRequest.objects.count() == 1
