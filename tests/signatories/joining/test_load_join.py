"""Small, bounded runs of the "nothing lost" load test (bench/load_join.py) on SQLite.

The script starts its own gunicorn against its own temporary database, so these tests do not
touch the test database; they check the script's exit code and summary line. The DEFERRED run
shows that the check can fail: it must.
"""

import importlib.util
import re
import subprocess
import sys

import pytest

from ...helpers import REPO_ROOT

SCRIPT = REPO_ROOT / "bench" / "load_join.py"
SUMMARY = re.compile(
    r"^load_join: (PASS|FAIL)(?: \((.*)\))? submissions=(\d+) acknowledged=(\d+) duplicate=(\d+) "
    r"5xx=(\d+) missing=(\d+) duplicates=(\d+)$",
    re.MULTILINE,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("gunicorn") is None,
        reason="gunicorn is not installed: the load test serves the site with it "
        "(pip install -e .)",
    ),
]


def run_load(*options):
    """The script's exit code, summary fields and whole output."""
    completed = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [sys.executable, str(SCRIPT), "--max-seconds", "120", *options],
        capture_output=True,
        text=True,
        timeout=400,
    )
    output = completed.stdout + completed.stderr
    summary = SUMMARY.search(completed.stdout)
    assert summary, output
    verdict, failures, *counts = summary.groups()
    fields = dict(zip(["submissions", "ack", "duplicate", "5xx", "missing", "dups"],
                      map(int, counts), strict=True))  # fmt: skip
    return completed.returncode, verdict, failures or "", fields, output


def test_small_load_run_loses_nothing():
    code, verdict, _, fields, output = run_load(
        "--submissions", "60", "--clients", "4", "--workers", "2"
    )

    assert (code, verdict) == (0, "PASS"), output
    # 3 organizations were each sent twice at once: both thanked, one of each pair waits and
    # the other is kept as sent again for it.
    assert fields == {
        "submissions": 60, "ack": 60, "duplicate": 3, "5xx": 0, "missing": 0, "dups": 0
    }, output  # fmt: skip


def test_deferred_sqlite_transactions_fail_the_check():
    """The join transaction reads (the duplicate check) and then writes: in DEFERRED mode a
    writer that commits in between makes SQLite refuse the upgrade ("database is locked")."""
    code, verdict, failures, fields, output = run_load(
        "--submissions", "120", "--clients", "6", "--workers", "3",
        "--sqlite-default-transactions",
    )  # fmt: skip

    assert (code, verdict) == (1, "FAIL"), output
    assert fields["5xx"] > 0, output
    assert "server errors" in failures, output
    assert re.search(r"'database is locked' in log: [1-9]", output), output
    # Even then, nothing acknowledged is lost and no duplicate is stored.
    assert (fields["missing"], fields["dups"]) == (0, 0), output
