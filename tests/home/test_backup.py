"""A backup taken while the site runs restores to the same data."""

import os
import sqlite3
import stat
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from signatories.models import JoinRequest, Signatory
from signatories.seed import load_signatories, read_seed

from ..factories import JoinRequestFactory, SignatoryFactory


def table_counts():
    return {"signatories": Signatory.objects.count(), "requests": JoinRequest.objects.count()}


def assert_is_a_sound_backup(path):
    if connection.vendor == "sqlite":
        with sqlite3.connect(path) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert copy.execute("SELECT count(*) FROM signatories_signatory").fetchone()[0] == 156
    else:
        assert path.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format


@pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="backups cover SQLite and PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_then_restore_brings_back_the_same_rows(tmp_path):
    load_signatories(read_seed().signatories)
    JoinRequestFactory.create_batch(3)
    at_backup = table_counts()
    path = tmp_path / "site.backup"

    call_command("backup_database", "--output", str(path), stdout=StringIO())

    assert_is_a_sound_backup(path)
    SignatoryFactory.create_batch(5)
    Signatory.objects.filter(name="ASISTA").delete()
    assert table_counts() != at_backup

    if connection.vendor == "postgresql":
        connection.close()  # pg_restore --clean drops the tables this connection has used
    call_command("restore_database", str(path), "--yes", stdout=StringIO())

    assert table_counts() == at_backup == {"signatories": 156, "requests": 3}
    assert Signatory.objects.filter(name="ASISTA").exists()


def test_restore_refuses_a_missing_file(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No backup"):
        call_command("restore_database", str(tmp_path / "nope.backup"), "--yes")


@pytest.mark.skipif(
    connection.vendor not in ("sqlite", "postgresql"), reason="backups cover SQLite and PostgreSQL"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backups_are_readable_by_their_owner_only(tmp_path):
    # A backup holds every contact's name and email: no other account on the box reads it,
    # whatever the umask, and a file left from an earlier run is tightened too.
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "backups" / "fresh.backup"
        call_command("backup_database", "--output", str(fresh), stdout=StringIO())
        existing = tmp_path / "existing.backup"
        existing.write_bytes(b"")
        existing.chmod(0o644)
        call_command("backup_database", "--output", str(existing), stdout=StringIO())
    finally:
        os.umask(old_umask)

    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(existing.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700
