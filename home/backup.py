"""Consistent backups of the site's database while it is being written to, and restores.

SQLite uses its online backup API, which copies a consistent snapshot page by page while
other connections keep writing (WAL mode lets them). PostgreSQL uses pg_dump, which reads
from one snapshot of a transaction. A backup holds every contact's name and email, so it is
readable by its owner only (0600, in a 0700 folder when the folder is new).
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


def _vendor(alias):
    return connections[alias].vendor


def backup(path, alias="default"):
    path = _private_file(Path(path))
    if _vendor(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    elif _vendor(alias) == "postgresql":
        _run_pg("pg_dump", alias, "--format=custom", f"--file={path}")
    else:
        raise BackupError(f"No backup method for {_vendor(alias)} databases")
    return path


def _private_file(path):
    """``path`` created empty and owner-only before anything is written to it: a file
    tightened after the copy would be readable by others while it is written."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    path.chmod(0o600)  # a file left by an earlier run keeps its mode through O_CREAT
    return path


def restore(path, alias="default"):
    path = Path(path)
    if not path.exists():
        raise BackupError(f"No backup at {path}")
    if _vendor(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            check = source.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"{path} is damaged: {check}")
            source.backup(connection.connection)
        source.close()
    elif _vendor(alias) == "postgresql":
        # pg_restore --clean drops and recreates the tables: statements this connection
        # prepared for the old ones must not outlive them.
        connections[alias].close()
        _run_pg("pg_restore", alias, "--clean", "--if-exists", "--no-owner", str(path))
    else:
        raise BackupError(f"No restore method for {_vendor(alias)} databases")


def _run_pg(tool, alias, *args):
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (PostgreSQL client tools)")
    settings = connections[alias].settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    command = [
        tool,
        f"--host={settings.get('HOST') or 'localhost'}",
        f"--port={settings.get('PORT') or 5432}",
        f"--username={settings.get('USER') or 'postgres'}",
        f"--dbname={settings['NAME']}",
        *args,
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
