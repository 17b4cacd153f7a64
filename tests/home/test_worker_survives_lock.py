"""The task worker outlives a database held by a long write: it logs a warning, waits, and runs
the task once the lock is released, instead of stopping with "database is locked"."""

import signal
import sqlite3

import pytest

from ..process_helpers import (
    enqueue_task,
    manage,
    production_site_environment,
    start_worker,
    wait_for,
)


def read_one(database, sql):
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(sql).fetchone()


@pytest.mark.slow
def test_the_worker_waits_out_a_write_lock_and_then_runs_the_task(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = production_site_environment(tmp_path)
    manage(env, "migrate", "--noinput", "-v0")
    enqueue_task(env)
    log = tmp_path / "worker.log"
    worker = start_worker(env, log)
    try:
        wait_for(
            lambda: read_one(database, "SELECT count(*) FROM home_workerheartbeat")[0],
            60,
            "the worker to start",
            worker,
            log,
        )
        # A long import's write transaction, from another connection.
        holder = sqlite3.connect(database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        status = "SELECT status FROM django_tasks_database_dbtaskresult"
        assert read_one(database, status) == ("READY",), "the task ran before the lock"

        wait_for(lambda: "database unavailable" in log.read_text(), 90, "its warning", worker, log)
        assert read_one(database, status) == ("READY",)
        holder.execute("ROLLBACK")
        holder.close()

        ran = ("SUCCESSFUL",)
        wait_for(lambda: read_one(database, status) == ran, 90, "the task to run", worker, log)
        assert worker.poll() is None, log.read_text()
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
    text = log.read_text()
    assert "database is locked" in text
    assert "trying again in 1 s" in text
