"""The generation kept in a small file, for one box whose processes share a disk.

Every request reads the generation, so its cost is paid on every stored page served: opening
and reading a 16-byte file costs a few microseconds, where a file cache entry (Django's
``FileBasedCache``: a hashed name, an expiry check and an unpickling) costs ten times that.
A new generation is written to a file beside it and renamed over it, so a reader sees the old
value or the new one, never a torn write.
"""

import os
import secrets
from pathlib import Path


def read(path):
    """The generation in ``path``, or None if there is none yet."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        return os.read(descriptor, 256).decode("ascii").strip() or None
    finally:
        os.close(descriptor)


def replace(path, generation):
    """Make ``generation`` the one every process reads from now on."""
    draft = _draft(Path(path), generation)
    os.replace(draft, path)


def create(path, generation):
    """Write ``generation`` unless a generation exists already (two processes starting at
    once agree on one); returns the generation in the file after."""
    draft = _draft(Path(path), generation)
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(draft)
    return read(path)


def _draft(path, generation):
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    draft.write_text(generation, encoding="ascii")
    return draft
