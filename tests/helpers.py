"""Small helpers shared by the tests."""

import subprocess
import sys
from pathlib import Path

from signatories.forms import sign_started_at

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
