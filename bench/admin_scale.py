#!/usr/bin/env python3
"""The signatory admin at scale, in one process (`make bench-admin`).

Migrates a fresh database (SQLite in a temporary folder, or --database-url), adds --total
signatories (10,000) with varied names, cities and states, then times as a logged-in
superuser, with the test client on the production settings:

    search   the listing with a query (first page of 50), median of --repeat runs, in ms
    csv      the whole CSV export, read to its end, median of 3, in s
    xlsx     the whole XLSX export, the same

and the SQL queries each takes. Prints a Markdown table (docs/performance.md keeps the figures)
and, last, the same as JSON.
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCHES = {
    "a common word (every name)": "community",
    "one name": "04242",
    "a state by name": "texas",
    "a name with an accent, typed without": "asociacion 0042",
}
WORDS = ["Asociación", "Coalition", "Alliance", "Center", "Project", "Network", "Union"]
CITIES = ["Springfield", "Riverside", "San José", "Fairview", "Madison", ""]


def configure(var, database_url):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="campaign.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        PUBLIC_URL="http://127.0.0.1:8000",
        SECURE_SSL_REDIRECT="0",
        CAMPAIGN_VAR_DIR=str(var),
        DATABASE_URL=database_url or f"sqlite:///{var / 'db.sqlite3'}",
        CAMPAIGN_LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def grow(total):
    from signatories.choices import State
    from signatories.models import Signatory

    groups = [("national", "")] + [("state", code) for code in State.values]
    batch = []
    for number in range(Signatory.objects.count(), total):
        level, state = groups[number % len(groups)]
        word = WORDS[number % len(WORDS)]
        signatory = Signatory(
            name=f"{word} Community Organization {number:05d}",
            level=level,
            state=state,
            city=CITIES[number % len(CITIES)],
            website=f"https://org{number}.example.org",
            live=number % 10 != 0,
        )
        signatory.derive_fields()
        batch.append(signatory)
    Signatory.objects.bulk_create(batch, batch_size=500)
    return Signatory.objects.count()


def timed(func, repeat):
    """Median wall-clock and CPU seconds of ``repeat`` runs, and the SQL queries of the last.
    On a shared machine the CPU time is the steadier figure: the wall clock counts the time
    other processes had the core."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall, cpu = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            func()
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), len(queries)


def measure(repeat):
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.urls import reverse

    user = get_user_model().objects.create_superuser("bench", password=secrets.token_hex(16))
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    url = reverse("wagtailsnippets_signatories_signatory:list")
    results_url = reverse("wagtailsnippets_signatories_signatory:list_results")

    def get(params, stream=False, url=url):
        response = client.get(url, params)
        if response.status_code != 200:
            raise SystemExit(f"bench: {url} {params} answered {response.status_code}")
        return b"".join(response.streaming_content) if stream else response.content

    rows = []
    # The admin's CSS and JS come from the manifest collectstatic writes; not needed here.
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    from django.conf import settings

    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}):
        get({})  # warm up: templates, URL resolvers
        for label, query in SEARCHES.items():
            # What the search box fetches as an editor types: the table of results only.
            wall, cpu, queries = timed(lambda q=query: get({"q": q}, url=results_url), repeat)
            rows.append(
                {
                    "what": f"search: {label} ({query!r})",
                    "unit": "ms",
                    "wall": wall * 1000,
                    "cpu": cpu * 1000,
                    "queries": queries,
                }
            )
        query = next(iter(SEARCHES.values()))
        wall, cpu, queries = timed(lambda: get({"q": query}), repeat)
        rows.append(
            {
                "what": f"the whole listing page, searched ({query!r})",
                "unit": "ms",
                "wall": wall * 1000,
                "cpu": cpu * 1000,
                "queries": queries,
            }
        )
        for export in ("csv", "xlsx"):
            size = len(get({"export": export}, stream=True))
            wall, cpu, queries = timed(lambda e=export: get({"export": e}, stream=True), 3)
            rows.append(
                {
                    "what": f"{export.upper()} export ({size // 1024} KB)",
                    "unit": "s",
                    "wall": wall,
                    "cpu": cpu,
                    "queries": queries,
                }
            )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", help="an empty database (default: SQLite in a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-admin-") as var:
        configure(Path(var), args.database_url)
        total = grow(args.total)
        rows = measure(args.repeat)
    print(f"| At {total:,} signatories | wall clock | CPU | SQL queries |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        digits = 0 if row["unit"] == "ms" else 2
        wall, cpu = (f"{row[key]:.{digits}f} {row['unit']}" for key in ("wall", "cpu"))
        print(f"| {row['what']} | {wall} | {cpu} | {row['queries']} |")
    print(json.dumps({"total": total, "rows": rows}))


if __name__ == "__main__":
    main()
