"""Small helpers shared by the tests."""

import csv
import io
import json
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from urllib.parse import urlencode

from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from signatories.joining.bot_traps import sign_started_at
from signatories.models import Signatory

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


# --- the public forms ------------------------------------------------------------------------

JOIN_VALID = {
    "name": "Casa Latina",
    "state": "WA",
    "city": "Seattle",
    "website": "https://casa-latina.example.org",
    "contact_name": "Maria Example",
    "contact_email": "maria@example.org",
    "consent": "on",
}


def form_data(**changes):
    """A valid join submission with a fresh ``started`` token; a change of None drops the
    field."""
    return post_data(JOIN_VALID, **changes)


CHANGE_VALID = {
    "name": "Casa Latina",
    "state": "WA",
    "contact_name": "Maria Example",
    "contact_email": "maria@example.org",
    "change": "withdrawal",
    "details": "We are leaving the coalition.",
}


def change_data(**changes):
    """A valid withdrawal with a fresh ``started`` token; a change of None drops the field."""
    return post_data(CHANGE_VALID, **changes)


# Text typed into the public forms that must end in a form error or a clean acceptance.
HOSTILE_TEXT = [
    "\x00",
    "\u202e",
    "\u200b",
    "\ufeff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '=HYPERLINK("http://x")',
    "\r\nBcc: victim@example.org",
]


def confirm_link(message):
    """The path of the confirmation link in an acknowledgment email."""
    match = re.search(r"http://\S+/join/confirm/\S+/", message.body)
    assert match, f"no confirmation link in:\n{message.body}"
    return match.group(0).split("testserver", 1)[-1].replace("http://localhost", "")


# --- the admin -------------------------------------------------------------------------------


def join_request_url(action, *args):
    """A page of the join request queue (wagtail-modeladmin): index, inspect, approve, ..."""
    return reverse(f"signatories_joinrequest_modeladmin_{action}", args=args)


def signatory_url(action, *args):
    return reverse(Signatory.snippet_viewset.get_url_name(action), args=args)


def bulk_url(action, signatories, next_url=None):
    query = [("id", signatory.pk) for signatory in signatories]
    if next_url:
        query.append(("next", next_url))
    path = reverse("wagtail_bulk_action", args=["signatories", "signatory", action])
    return f"{path}?{urlencode(query)}"


def create_form_data(name, level="state", state="WA", **extra):
    return {"name": name, "level": level, "state": state, "note": "", "city": "", **extra}


def page_edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def statement_edit_data(
    client, page, title, action="action-publish", paragraph="<p>We stand together.</p>"
):
    """The edit form as the browser would send it, with a new title and the page's body
    (its ``paragraph`` then the signatory list)."""
    response = client.get(page_edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField editor is built by JavaScript, so its inputs are not in the HTML.
    body = nested_form_data(
        {
            "body": streamfield(
                [
                    ("paragraph", rich_text(paragraph)),
                    (
                        "signatory_list",
                        {
                            "heading": "Signatories",
                            "show_count": "on",
                            "show_jump_navigation": "on",
                        },
                    ),
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    data.update(body)
    data["title"] = title
    data[action] = action
    return data


IMPORT_URL = "/admin/signatories/import/"


def csv_bytes(rows):
    output = io.StringIO()
    csv.writer(output).writerows(rows)
    return output.getvalue().encode()


def upload(client, content, filename="list.csv"):
    file = io.BytesIO(content)
    file.name = filename
    return client.post(IMPORT_URL, {"file": file})


# --- the task queue --------------------------------------------------------------------------

# The database queue, as in production (the test settings run tasks at once, in the request).
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """Run every ready task with the package's own worker, as `db_worker --batch` does.

    The command's polling loop claims tasks inside `BEGIN EXCLUSIVE`, which SQLite refuses
    inside the test's transaction; claiming one task at a time here keeps the rest real.
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)


# --- crafted files ---------------------------------------------------------------------------


def png_chunk(kind, data):
    """One PNG chunk: length, type, data and its CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(before_pixels=b"", after_pixels=b""):
    """A 1x1 white PNG, byte by byte, with extra chunks before or after its pixel data."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + before_pixels
        + png_chunk(b"IDAT", pixels)
        + after_pixels
        + png_chunk(b"IEND", b"")
    )


def png_comment_inflating_to(size):
    """A compressed text chunk (zTXt) of ``size`` zero bytes: about size/1000 in the file."""
    return png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(bytes(size), 9))


# --- responses -------------------------------------------------------------------------------


def csp(response):
    """The Content-Security-Policy header as a dict of directive to sources."""
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


def state_section(html, anchor):
    """The public list's section for one heading, e.g. ``state-wa``."""
    match = re.search(
        rf'<section class="signatory-group" id="{anchor}".*?</section>', html, flags=re.S
    )
    assert match, f"no {anchor} section on the page"
    return match.group(0)


# --- processes -------------------------------------------------------------------------------


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


# What the production settings read that a developer's shell may have set: cleared, so a test
# sees the profile with only the variables it gives.
_PRODUCTION_PREFIXES = ("DJANGO_", "AWS_", "DB_", "FRONTEND_CACHE", "CLOUDFLARE")
_PRODUCTION_NAMES = {"DATABASE_URL", "REDIS_URL", "PUBLIC_URL", "ALLOWED_HOSTS"}
PRODUCTION_TEST_KEY = "production-profile-test-key-0123456789abcdefghijklmnop"


def production_environment(tmp_path, **env):
    """The environment of a production process with a test key, a var directory under
    ``tmp_path`` and ``env``."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(_PRODUCTION_PREFIXES) and key not in _PRODUCTION_NAMES
    }
    clean.pop("WAGTAILADMIN_BASE_URL", None)
    return {
        **clean,
        "DJANGO_SECRET_KEY": PRODUCTION_TEST_KEY,
        "CAMPAIGN_VAR_DIR": str(tmp_path / "var"),
        **env,
    }


def last_json_line(result):
    """What a ``run_python`` script printed last, as JSON."""
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_site_environment(tmp_path, **env):
    """A production process on a SQLite database of its own in ``tmp_path``, over plain
    http on 127.0.0.1, with ``env``; the shell's join and email settings left out."""
    inherited = production_environment(tmp_path)
    return {
        **{k: v for k, v in inherited.items() if not k.startswith(("JOIN_", "EMAIL_"))},
        "DJANGO_SETTINGS_MODULE": "campaign.settings.production",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_URL": "http://127.0.0.1:8000",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CAMPAIGN_LOG_LEVEL": "WARNING",
        **env,
    }


def manage(env, *args, check=True, timeout=300):
    """``manage.py args`` in a process of its own with ``env``."""
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


def bench_module(name):
    """A module of bench/ (scripts beside each other, not a package), imported by path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
