"""Without Redis, the processes of one box share rate limits, sessions and the login lockout.

Two long-lived interpreters with the production settings stand for two gunicorn workers:
each keeps whatever it holds in memory between the commands it is sent, as a worker does
between requests.
"""

import json
import subprocess
import sys

import pytest

from ...helpers import REPO_ROOT
from ...process_helpers import production_environment, run_python

pytestmark = pytest.mark.slow

WORKER = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
# Pages render without running collectstatic first.
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}).enable()
from campaign.rate_limits import hit

client = Client()
for line in sys.stdin:
    command = json.loads(line)
    op = command.pop("op")
    if op == "hit":
        result = hit(command["scope"], command["key"], tuple(command["limit"]))
    elif op == "login":
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=command["username"], is_superuser=True,
                                             is_staff=True)
        user.set_password(command["password"])
        user.save()
        client.force_login(user)
        result = client.cookies["sessionid"].value
    elif op == "admin_status":
        client.cookies["sessionid"] = command["session"]
        result = client.get("/admin/").status_code
    elif op == "logout":
        client.cookies["sessionid"] = command["session"]
        result = client.post("/admin/logout/").status_code
    elif op == "login_attempt":
        result = client.post(
            "/admin/login/", {"username": command["username"], "password": command["password"]}
        ).status_code
    print(json.dumps(result), flush=True)
"""


class Worker:
    """One interpreter of the box, answering one command at a time."""

    def __init__(self, env):
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", WORKER],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def __call__(self, op, **command):
        self.process.stdin.write(json.dumps({"op": op, **command}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the worker stopped (exit code {self.process.wait()})"
        return json.loads(line)

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def box_environment(tmp_path_factory):
    env = production_environment(
        tmp_path_factory.mktemp("box"),
        DJANGO_SETTINGS_MODULE="campaign.settings.production",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        LOGIN_FAILURE_LIMIT="3",
    )
    migrated = run_python(
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'migrate', '--noinput', '-v0'])",
        env,
        timeout=300,
    )
    assert migrated.returncode == 0, migrated.stderr
    return env


@pytest.fixture
def two_workers(box_environment):
    workers = Worker(box_environment), Worker(box_environment)
    yield workers
    for worker in workers:
        worker.stop()


def test_two_workers_count_one_rate_limit(two_workers):
    first, second = two_workers
    limit = [3, 600]
    assert first("hit", scope="join", key="203.0.113.9", limit=limit)
    assert first("hit", scope="join", key="203.0.113.9", limit=limit)
    assert second("hit", scope="join", key="203.0.113.9", limit=limit)
    # The fourth in the window, whichever worker it reaches.
    assert not second("hit", scope="join", key="203.0.113.9", limit=limit)
    assert not first("hit", scope="join", key="203.0.113.9", limit=limit)


def test_a_logout_in_one_worker_ends_the_session_in_the_other(two_workers):
    first, second = two_workers
    session = first("login", username="editor-logout", password="correct horse battery")
    assert second("admin_status", session=session) == 200
    assert first("admin_status", session=session) == 200
    assert first("logout", session=session) == 302
    # The other worker had read the session before: it must not keep honouring it.
    assert second("admin_status", session=session) == 302
    assert first("admin_status", session=session) == 302


def test_login_failures_in_both_workers_add_up_to_one_lockout(two_workers):
    first, second = two_workers
    first("login", username="editor-lockout", password="correct horse battery")
    assert first("login_attempt", username="editor-lockout", password="wrong") == 200
    assert second("login_attempt", username="editor-lockout", password="wrong") == 200
    assert first("login_attempt", username="editor-lockout", password="wrong") == 429
    right = "correct horse battery"
    assert second("login_attempt", username="editor-lockout", password=right) == 429
