"""Editors and operators see when the task worker last ran and how many tasks wait for it: on
the dashboard, above the join-request queue, and in `check --deploy` once it is stale."""

from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from home.models import WorkerHeartbeat
from home.retrying import Backoff
from home.worker_status import worker_status
from home.workers import fail_tasks_left_by
from signatories.joining.email_tasks import send_due_emails

from ..admin_helpers import join_request_url
from ..factories import UserFactory
from ..task_helpers import DATABASE_TASKS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queued_tasks")]


@pytest.fixture
def queued_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def seen(minutes_ago, stopped=True, worker_id="w1"):
    when = timezone.now() - timedelta(minutes=minutes_ago)
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        host="app1",
        pid=1,
        started_at=when - timedelta(hours=1),
        seen_at=when,
        stopped_at=when if stopped else None,
    )


def plain(text):
    """Django writes "3 minutes" with a no-break space."""
    return text.replace("\xa0", " ")


def enqueue(count, run_after=None):
    task = send_due_emails.using(run_after=run_after) if run_after else send_due_emails
    for _ in range(count):
        task.enqueue()


def test_the_status_says_when_the_worker_last_ran_and_how_many_tasks_are_due():
    seen(minutes_ago=3)
    seen(minutes_ago=50, worker_id="older")
    enqueue(12)
    enqueue(2, run_after=timezone.now() + timedelta(hours=1))  # not due yet: not waiting

    status = worker_status()

    assert plain(str(status)) == "Task worker last ran 3 minutes ago · 12 tasks waiting"
    assert not status.stale


def test_a_running_worker_last_ran_less_than_a_minute_ago():
    seen(minutes_ago=0.1, stopped=False)
    enqueue(1)
    assert str(worker_status()) == "Task worker last ran less than a minute ago · 1 task waiting"


def test_the_status_is_stale_after_the_configured_minutes():
    seen(minutes_ago=11)
    assert worker_status().stale
    with override_settings(TASK_WORKER_STALE_MINUTES=15):
        assert not worker_status().stale


def test_a_worker_that_never_ran_is_stale():
    status = worker_status()
    assert str(status) == "Task worker has never run · 0 tasks waiting"
    assert status.stale


def test_the_status_takes_two_queries_whatever_the_queue_holds(django_assert_num_queries):
    seen(minutes_ago=1)
    enqueue(30)
    with django_assert_num_queries(2):
        str(worker_status())


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return plain(response.content.decode())


def test_signatory_editors_see_the_worker_on_their_dashboard(client):
    seen(minutes_ago=3)
    enqueue(2)

    html = dashboard(client, UserFactory(groups=["Signatory editors"]))

    assert "Task worker last ran 3 minutes ago · 2 tasks waiting" in html
    assert "help-warning worker-status" not in html


def test_a_stale_worker_is_a_warning_on_the_dashboard(client):
    seen(minutes_ago=45)

    html = dashboard(client, UserFactory(is_superuser=True))

    assert "help-warning worker-status" in html
    assert "Task worker last ran 45 minutes ago · 0 tasks waiting" in html
    assert "manage.py db_worker" in html


def test_communications_editors_are_not_shown_the_worker(client):
    seen(minutes_ago=45)
    html = dashboard(client, UserFactory(groups=["Communications"]))
    assert "Task worker" not in html


def test_the_join_request_queue_shows_the_worker_status(client):
    seen(minutes_ago=20)
    enqueue(3)
    client.force_login(UserFactory(groups=["Signatory editors"]))

    html = plain(client.get(join_request_url("index")).content.decode())

    assert "Task worker last ran 20 minutes ago · 3 tasks waiting" in html
    assert "help-warning worker-status" in html


def test_check_deploy_warns_when_the_worker_is_stale():
    seen(minutes_ago=11)
    messages = run_checks(include_deployment_checks=True, tags=["campaign"])
    warnings = {message.id: message.msg for message in messages}
    assert "campaign.W006" in warnings
    assert "Task worker last ran 11 minutes ago" in plain(warnings["campaign.W006"])


def test_check_deploy_is_silent_while_the_worker_runs():
    seen(minutes_ago=0.2, stopped=False)
    messages = run_checks(include_deployment_checks=True, tags=["campaign"])
    assert "campaign.W006" not in {message.id for message in messages}


def test_waits_double_up_to_a_minute_and_start_over_once_work_ran_a_while():
    backoff = Backoff(first=1, longest=60)
    waits = [backoff.wait_after(ran_for=20) for _ in range(8)]
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff.wait_after(ran_for=600) == 1


def test_a_restarted_worker_fails_only_the_tasks_it_had_claimed():
    mine = DBTaskResult.objects.get(pk=send_due_emails.enqueue().id)
    mine.claim("w1")
    theirs = DBTaskResult.objects.get(pk=send_due_emails.enqueue().id)
    theirs.claim("w2")

    assert fail_tasks_left_by("w1") == 1

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("FAILED", "RUNNING")
    assert "database was unavailable" in mine.traceback
