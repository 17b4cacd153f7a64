"""Contact details of decided requests are erased after the retention period, everywhere."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from signatories.joining.email_tasks import send_acknowledgment
from signatories.models import JoinRequest

from ...factories import JoinRequestFactory

EMAIL = "maria@example.org"


def decided(days_ago, status=JoinRequest.Status.APPROVED, **fields):
    return JoinRequestFactory(
        status=status,
        decided_at=timezone.now() - timedelta(days=days_ago),
        contact_name="Maria Example",
        contact_email=EMAIL,
        **fields,
    )


def purge(*args):
    out = StringIO()
    call_command("purge_contact_details", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_request(db):
    join_request = decided(200)
    log(instance=join_request, action="wagtail.edit", data={"note": f"called {EMAIL}"})
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        send_acknowledgment.enqueue(join_request.pk)
    DBTaskResult.objects.update(
        status="FAILED", traceback=f"SMTPRecipientsRefused: {{'{EMAIL}': (550, 'no')}}"
    )
    return join_request


def received(days_ago, **fields):
    """A request still pending, received ``days_ago``."""
    join_request = JoinRequestFactory(contact_name="Maria Example", contact_email=EMAIL, **fields)
    JoinRequest.objects.filter(pk=join_request.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return join_request


def test_old_decided_requests_lose_their_contact_details(old_request):
    recent = decided(10, name="Recent Org")
    pending_recent = received(10, name="Waiting Org")

    output = purge("--days", "180")

    old_request.refresh_from_db()
    assert (old_request.contact_name, old_request.contact_email) == ("", "")
    assert old_request.name and old_request.status == "approved"
    recent.refresh_from_db()
    pending_recent.refresh_from_db()
    assert recent.contact_email == EMAIL and pending_recent.contact_email == EMAIL
    assert "Erased the personal details of 1 request(s)" in output


PHONE = "+1 206 555 0142"


def test_every_personal_field_is_erased_not_only_name_and_email(db):
    join_request = decided(
        200,
        kind=JoinRequest.Kind.CORRECTION,
        details=f"Call me on {PHONE} or write to {EMAIL}",
        editor_note=f"Spoke to Maria at {PHONE}; she lives at 12 Elm Street",
        decision_note=f"Call us on {PHONE} to talk it over.",
    )
    log(instance=join_request, action="wagtail.edit", data={"note": f"phoned {PHONE}"})

    purge("--days", "180")

    join_request.refresh_from_db()
    assert (join_request.details, join_request.editor_note, join_request.decision_note) == (
        "",
        "",
        "",
    )
    entry = ModelLogEntry.objects.for_instance(join_request).get(action="wagtail.edit")
    assert PHONE not in str(entry.data)


def test_requests_still_pending_after_the_retention_period_are_purged(db):
    stale = received(200, details=f"Call {PHONE}")
    fresh = received(10, name="Fresh Org")

    output = purge("--days", "180")

    stale.refresh_from_db()
    assert (stale.contact_name, stale.contact_email, stale.details) == ("", "", "")
    # Still in the queue, for an editor to decide on the organization's public details.
    assert stale.is_pending and stale.name
    fresh.refresh_from_db()
    assert fresh.contact_email == EMAIL
    assert "1 request(s)" in output


def test_each_purge_leaves_an_audit_record(old_request, caplog):
    with caplog.at_level("INFO", logger="signatories"):
        purge("--days", "180")

    entry = ModelLogEntry.objects.for_instance(old_request).get(
        action="signatories.purge_personal_details"
    )
    assert EMAIL not in str(entry.data) and "Maria" not in str(entry.data)
    assert entry.data["days"] == 180
    assert any(
        "erased the personal details of 1 request" in record.getMessage()
        for record in caplog.records
    )
    # A dry run records nothing.
    old_request_two = decided(300, name="Second Org")
    purge("--days", "180", "--dry-run")
    assert not ModelLogEntry.objects.for_instance(old_request_two).filter(
        action="signatories.purge_personal_details"
    )


def test_copies_in_logs_and_task_records_are_scrubbed(old_request):
    purge("--days", "180")
    entry = ModelLogEntry.objects.for_instance(old_request).get(action="wagtail.edit")
    assert EMAIL not in str(entry.data)
    assert "[erased]" in entry.data["note"]
    task = DBTaskResult.objects.get()
    assert EMAIL not in task.traceback


def test_dry_run_changes_nothing(old_request):
    output = purge("--days", "180", "--dry-run")
    old_request.refresh_from_db()
    assert old_request.contact_email == EMAIL
    assert EMAIL in DBTaskResult.objects.get().traceback
    assert "Would erase the personal details of 1 request(s)" in output


def test_running_twice_erases_nothing_more(old_request):
    purge("--days", "180")
    assert "of 0 request(s)" in purge("--days", "180")


def test_rejected_requests_are_purged_too(db):
    rejected = decided(365, status=JoinRequest.Status.REJECTED)
    purge("--days", "180")
    rejected.refresh_from_db()
    assert rejected.contact_email == ""
