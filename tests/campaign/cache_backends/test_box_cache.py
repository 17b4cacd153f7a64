"""The box cache's count is atomic across processes: none lost when several count at once."""

import subprocess
import sys

import pytest

from ...helpers import REPO_ROOT
from ...process_helpers import production_environment, run_python

pytestmark = pytest.mark.slow

SETUP = """
import django
django.setup()
from campaign.cache_backends.box import create_cache_table
create_cache_table()
"""

COUNT = """
import sys
import django
django.setup()
from django.core.cache import caches
KEY = "ratelimit:join:203.0.113.7"
sys.stdin.readline()  # all start together
for _ in range({events}):
    caches["default"].count(KEY, 600)
"""


def test_processes_counting_at_once_lose_no_event(tmp_path):
    env = production_environment(tmp_path, DJANGO_SETTINGS_MODULE="campaign.settings.production")
    created = run_python(SETUP, env)
    assert created.returncode == 0, created.stderr
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", COUNT.format(events=40)],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in processes:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
    # One more, printed: every event of the four processes was counted before it.
    last = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", COUNT.format(events=0) + "print(caches['default'].count(KEY, 600))"],
        cwd=REPO_ROOT,
        env=env,
        input="go\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert last.returncode == 0, last.stderr
    assert last.stdout.split()[-1] == str(4 * 40 + 1)
