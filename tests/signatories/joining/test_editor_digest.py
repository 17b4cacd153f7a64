"""Editors get one digest of new requests per window, not one email per request."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from signatories.joining.email_tasks import DIGEST_SCHEDULED_KEY

from ...task_helpers import DATABASE_TASKS, run_worker
from .mail_helpers import DIGEST, email_tasks, ready_now

EDITORS = ["editors@example.org"]
ORGANIZATIONS = ["Casa Latina", "Fresno Food Bank", "Valley Tenants Union", "Delta Farmworkers"]


def to_editors():
    return [m for m in mail.outbox if m.to == EDITORS]


@override_settings(TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5, JOIN_RATE_LIMIT=(10, 600))
def test_editors_get_one_digest_listing_every_new_request(submit):
    mail.outbox.clear()
    requests = [
        submit(name=name, contact_email=f"contact{n}@example.org", contact_name=f"Person {n}")
        for n, name in enumerate(ORGANIZATIONS)
    ]

    call_command("send_due_emails", stdout=StringIO())

    # Four acknowledgments, one email to the editors.
    assert len(mail.outbox) == len(ORGANIZATIONS) + 1
    (digest,) = to_editors()
    assert digest.subject == "4 new requests to review"
    for join_request in requests:
        assert f"{join_request.name} (Washington)" in digest.body
        assert f"/admin/signatories/joinrequest/inspect/{join_request.pk}/" in digest.body
        # Contact details stay in the admin, out of editors' mailboxes.
        assert join_request.contact_email not in digest.body
        assert join_request.contact_name not in digest.body
    assert "/admin/signatories/joinrequest/" in digest.body.strip().splitlines()[-1]


@override_settings(
    TASKS=DATABASE_TASKS, EMAIL_SWEEP_SECONDS=5, EMAIL_DIGEST_SECONDS=300, JOIN_RATE_LIMIT=(10, 600)
)
def test_requests_arriving_sweep_after_sweep_share_one_digest_per_window(submit):
    from signatories.joining.email_tasks import SWEEP_SCHEDULED_KEY

    mail.outbox.clear()
    for n, name in enumerate(ORGANIZATIONS):
        submit(name=name, contact_email=f"contact{n}@example.org")
        # Each request gets its own sweep (a new sweep window each time).
        ready_now(email_tasks().filter(status="READY", task_path__endswith="send_due_emails"))
        run_worker()
        cache.delete(SWEEP_SCHEDULED_KEY)

    # Every contact has been acknowledged; the editors' digest waits for its window to close.
    assert len(mail.outbox) == len(ORGANIZATIONS) and to_editors() == []
    digest_task = email_tasks().get(task_path=DIGEST)
    assert digest_task.run_after >= digest_task.enqueued_at + timedelta(seconds=300)

    ready_now([digest_task])
    run_worker()
    (digest,) = to_editors()
    assert all(name in digest.body for name in ORGANIZATIONS)

    # The next window's first request schedules the next digest.
    cache.delete(DIGEST_SCHEDULED_KEY)
    submit(name="Sierra Health Alliance", contact_email="sierra@example.org")
    ready_now(email_tasks().filter(status="READY"))
    run_worker()
    assert email_tasks().filter(task_path=DIGEST, status="READY").count() == 1


def test_the_digest_shows_what_the_editors_should_check(submit, settings):
    settings.JOIN_ACK_ADDRESS_LIMIT = (1, 86400)
    settings.JOIN_RATE_LIMIT = (10, 600)
    mail.outbox.clear()
    submit(name="Casa Latina")
    submit(name="Fresno Food Bank")  # the same contact address: over its limit

    digest = to_editors()[-1]
    assert "Fresno Food Bank (Washington)" in digest.body
    assert "Check: No acknowledgment was sent" in digest.body


def test_a_lookalike_sent_again_for_a_waiting_request_is_in_the_digest(submit, settings):
    # Kept with the request it resembles, it could still be someone passing for it.
    settings.JOIN_RATE_LIMIT = (10, 600)
    mail.outbox.clear()
    submit(name="Union of Workers", contact_email="first@example.org")
    lookalike = submit(name="Uni0n of Workers", contact_email="second@example.net")

    assert lookalike.duplicate_of is not None
    bodies = "\n".join(digest.body for digest in to_editors())
    assert "Uni0n of Workers (Washington)" in bodies
    assert "Check: The name looks like “Union of Workers”, a request already waiting" in bodies
    assert f"/admin/signatories/joinrequest/inspect/{lookalike.pk}/" in bodies
    assert "second@example.net" not in bodies


def test_the_same_name_sent_again_is_in_no_second_digest(submit, settings):
    settings.JOIN_RATE_LIMIT = (10, 600)
    mail.outbox.clear()
    submit(name="Union of Workers", contact_email="first@example.org")
    again = submit(name="Union of Workers", contact_email="second@example.net")

    assert again.duplicate_of is not None
    bodies = "\n".join(digest.body for digest in to_editors())
    assert bodies.count("Union of Workers (Washington)") == 1
