"""A small, bounded run of the "nothing lost" load test (bench/load_join.py) on SQLite.

The script starts its own gunicorn against its own temporary database, so this test does not
touch the test database; it only checks the script's exit code and summary line.
"""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "load_join.py"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gunicorn") is None,
    reason="gunicorn is not installed: the load test serves the site with it (pip install -e .)",
)


def test_small_load_run_loses_nothing():
    completed = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [
            sys.executable,
            str(SCRIPT),
            "--submissions",
            "60",
            "--clients",
            "4",
            "--workers",
            "2",
            "--max-seconds",
            "60",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    summary = re.search(
        r"^load_join: PASS submissions=60 acknowledged=(\d+) duplicate=(\d+) "
        r"5xx=0 missing=0 duplicates=0$",
        completed.stdout,
        re.MULTILINE,
    )
    assert summary, output
    acknowledged, duplicate = (int(group) for group in summary.groups())
    # 3 organizations were each sent twice at once: one of each pair is refused.
    assert (acknowledged, duplicate) == (57, 3), output
