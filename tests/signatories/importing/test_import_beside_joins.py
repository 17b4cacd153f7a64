"""On SQLite (one writer at a time), an import running in one process never makes a join sent
in another fail or wait for the whole file: the import holds the database for one batch at a
time, and rests between batches long enough for a waiting join to get in."""

import subprocess
import sys

import pytest

from ...admin_helpers import csv_bytes
from ...helpers import REPO_ROOT
from ...process_helpers import last_json_line, manage, production_site_environment

# Sends joins through the join form's own storing, one after another, until the file named
# ``stop`` exists; prints how many were stored, how many failed and why, and how many imported
# rows were there as each join was stored.
JOINS_UNTIL_STOPPED = """
import json, sys
from pathlib import Path
import django
django.setup()
from signatories.joining.forms import JoinForm
from signatories.joining.join_requests import store_request
from signatories.models import Signatory
from tests.helpers import form_data
ready, stop = Path(sys.argv[1]), Path(sys.argv[2])
stored, failed, number, imported_then = 0, [], 0, set()
while True:
    finished = stop.exists()
    number += 1
    form = JoinForm(form_data(name=f"Joiner {number}", contact_email=f"j{number}@example.org"))
    assert form.is_valid(), form.errors
    try:
        store_request(form)
        stored += 1
        imported_then.add(Signatory.objects.filter(name__startswith="Org ").count())
    except Exception as error:
        failed.append(f"{type(error).__name__}: {error}")
    ready.touch()
    if finished:
        break
print(json.dumps({"stored": stored, "failed": failed, "imported_then": sorted(imported_then)}))
"""


@pytest.mark.slow
def test_joins_sent_while_a_big_import_runs_on_sqlite_all_succeed(tmp_path):
    env = production_site_environment(tmp_path, JOIN_MIN_SECONDS="0")
    manage(env, "migrate", "--noinput", "-v0")
    big = tmp_path / "big.csv"
    big.write_bytes(csv_bytes([["name", "state"]] + [[f"Org {n}", "TX"] for n in range(1000)]))
    ready, stop = tmp_path / "ready", tmp_path / "stop"

    joins = subprocess.Popen(  # noqa: S603 - our own interpreter on our own script
        [sys.executable, "-c", JOINS_UNTIL_STOPPED, str(ready), str(stop)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not ready.exists() and joins.poll() is None:
            subprocess.run(["sleep", "0.1"], check=True)  # noqa: S607 - waiting for the joins
        imported = manage(env, "import_signatories", str(big), "--no-progress")
    finally:
        stop.touch()
        output, errors = joins.communicate(timeout=120)

    assert "Import 1 finished: 1000 created, 0 updated." in imported.stdout
    result = last_json_line(subprocess.CompletedProcess([], joins.returncode, output, errors))
    assert result["failed"] == []
    # Joins went on during the import, not only before and after it: between its batches.
    during = [count for count in result["imported_then"] if 0 < count < 1000]
    assert len(during) >= 3, result["imported_then"]
