"""Processes of their own for the tests: a fresh interpreter, ``manage.py``, the production
settings' environment, and bench/'s scripts."""

import json
import os
import subprocess
import sys
import time

import pytest

from .helpers import REPO_ROOT


def _run_here(args, env, timeout, check):
    """This interpreter with ``args``, from the repository root, its output captured."""
    return subprocess.run(  # noqa: S603 - our own interpreter on our own scripts
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )


def run_python(script, env, timeout=120):
    """``script`` in a fresh interpreter from the repository root: settings modules read the
    environment only when first imported."""
    return _run_here(["-c", script], env, timeout, check=False)


# What the production settings read that a developer's shell may have set: cleared, so a test
# sees the profile with only the variables it gives.
_PRODUCTION_PREFIXES = ("DJANGO_", "AWS_", "DB_", "FRONTEND_CACHE", "CLOUDFLARE")
_PRODUCTION_NAMES = {"DATABASE_URL", "REDIS_URL", "PUBLIC_URL", "ALLOWED_HOSTS"}
PRODUCTION_TEST_KEY = "production-profile-test-key-0123456789abcdefghijklmnop"


def production_environment(tmp_path, **env):
    """The environment of a production process with a test key, a var directory under
    ``tmp_path`` and ``env``."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(_PRODUCTION_PREFIXES) and key not in _PRODUCTION_NAMES
    }
    clean.pop("WAGTAILADMIN_BASE_URL", None)
    return {
        **clean,
        "DJANGO_SECRET_KEY": PRODUCTION_TEST_KEY,
        "CAMPAIGN_VAR_DIR": str(tmp_path / "var"),
        **env,
    }


def last_json_line(result):
    """What a ``run_python`` script printed last, as JSON."""
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_site_environment(tmp_path, **env):
    """A production process on a SQLite database of its own in ``tmp_path``, over plain
    http on 127.0.0.1, with ``env``; the shell's join and email settings left out."""
    inherited = production_environment(tmp_path)
    return {
        **{k: v for k, v in inherited.items() if not k.startswith(("JOIN_", "EMAIL_"))},
        "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_URL": "http://127.0.0.1:8000",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CAMPAIGN_LOG_LEVEL": "WARNING",
        **env,
    }


def manage(env, *args, check=True, timeout=300):
    """``manage.py args`` in a process of its own with ``env``."""
    return _run_here(["manage.py", *args], env, timeout, check)


def bench_module(name):
    """A module of bench/ (scripts beside each other, not a package), imported by path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# A task (the join emails' sweep) due 20 s from now: time to start a worker, or take the
# database from under one, before it runs.
ENQUEUE_DUE_SOON = """
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from signatories.joining.email_tasks import send_due_emails
send_due_emails.using(run_after=timezone.now() + timedelta(seconds=%(seconds)s)).enqueue()
"""


def enqueue_task(env, seconds=20):
    """Queue a task due ``seconds`` from now in ``env``'s database."""
    enqueued = run_python(ENQUEUE_DUE_SOON % {"seconds": seconds}, env)
    assert enqueued.returncode == 0, enqueued.stderr


def start_worker(env, log):
    """``manage.py db_worker`` polling every 0.2 s, its output in ``log``."""
    with log.open("w") as output:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=REPO_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_for(predicate, seconds, what, worker, log):
    """Poll ``predicate`` until true; fail if ``seconds`` pass or ``worker`` stops first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        if worker.poll() is not None:
            pytest.fail(f"the worker stopped waiting for {what}:\n{log.read_text()}")
        time.sleep(0.2)
    pytest.fail(f"waited {seconds} s for {what}")
