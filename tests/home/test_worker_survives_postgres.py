"""The task worker outlives PostgreSQL going away: its connections go through a proxy that the
test cuts (every open connection dropped, new ones refused, as when the server goes down) and
then restores. The worker logs the failure, keeps running, runs a task queued once the
database is back, and its heartbeat (the dashboard's "last ran") starts again.

PostgreSQL only (make test-servers): the worker gets a database of its own, created and
dropped here; the server behind the proxy, shared with other users, is never stopped.
"""

import os
import signal
import urllib.parse

import psycopg
import pytest
from django.conf import settings

from home.workers import HEARTBEAT_SECONDS

from ..e2e.stack import Database
from ..process_helpers import (
    bench_module,
    enqueue_task,
    manage,
    production_site_environment,
    start_worker,
    wait_for,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://..., as make test-servers sets it)",
    ),
]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """The production environment on a fresh, migrated database of its own."""
    var = tmp_path_factory.mktemp("worker-postgres")
    fresh = Database(var, os.environ["DATABASE_URL"])
    try:
        env = production_site_environment(var, DATABASE_URL=fresh.url)
        manage(env, "migrate", "--noinput", "-v0")
        yield env
    finally:
        fresh.drop()


def through_proxy(url, port):
    """``url`` with the proxy's port on 127.0.0.1 in place of the server's address."""
    parts = urllib.parse.urlsplit(url)
    user = parts.netloc.rpartition("@")[0]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}@127.0.0.1:{port}"))


def one(url, sql):
    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute(sql).fetchone()[0]


RUNNING_WORKERS = "SELECT count(*) FROM home_workerheartbeat WHERE stopped_at IS NULL"
LAST_BEAT = "SELECT max(seen_at) FROM home_workerheartbeat"
NEWEST_TASK = "SELECT status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at DESC"


# psycopg's pool (production's default), or one persistent connection per thread.
@pytest.mark.parametrize("pool_size", ["4", "0"], ids=["pool", "persistent-connections"])
def test_the_worker_outlives_postgresql_going_away_and_runs_what_is_queued_after(
    tmp_path, migrated, pool_size
):
    direct = {**migrated, "DB_POOL_MAX_SIZE": pool_size}
    url = direct["DATABASE_URL"]
    server = urllib.parse.urlsplit(url)
    log = tmp_path / "worker.log"

    with bench_module("tcp_proxy").FreezableProxy((server.hostname, server.port or 5432)) as proxy:
        worker = start_worker({**direct, "DATABASE_URL": through_proxy(url, proxy.port)}, log)
        try:
            wait_for(lambda: one(url, RUNNING_WORKERS), 60, "the worker to start", worker, log)

            proxy.cut()
            # It fails, waits, and fails again with a longer wait: still running. The
            # heartbeat, on a thread and a connection of its own, fails too.
            wait_for(lambda: "trying again in 2 s" in log.read_text(), 60, "a retry", worker, log)
            wait_for(
                lambda: "heartbeat not written" in log.read_text(),
                HEARTBEAT_SECONDS * 3,
                "a heartbeat to fail",
                worker,
                log,
            )
            beat_while_cut = one(url, LAST_BEAT)
            proxy.restore()

            enqueue_task(direct, seconds=0)
            ran = "SUCCESSFUL"
            wait_for(lambda: one(url, NEWEST_TASK) == ran, 90, "the task", worker, log)
            wait_for(
                lambda: one(url, LAST_BEAT) > beat_while_cut,
                HEARTBEAT_SECONDS * 3,
                "a heartbeat after the cut",
                worker,
                log,
            )
            assert worker.poll() is None, log.read_text()
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(30)

    assert "database unavailable" in log.read_text()
