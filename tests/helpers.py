"""Small helpers shared by the tests."""

import json
import os
import subprocess
import sys
from pathlib import Path

from signatories.joining.bot_traps import sign_started_at

REPO_ROOT = Path(__file__).resolve().parent.parent


def post_data(valid, **changes):
    """``valid`` with a fresh ``started`` token and ``changes``; a change of None drops the
    field."""
    data = {**valid, "started": sign_started_at()}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def run_python(script, env, timeout=120):
    """``script`` in a fresh interpreter from the repository root: settings modules read the
    environment only when first imported."""
    return subprocess.run(  # noqa: S603 - our own interpreter and the tests' own scripts
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


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
