#!/usr/bin/env python3
"""In-process steps of the benchmark (bench/run.py runs each in a fresh interpreter).

    grow TOTAL        add published signatories until TOTAL are listed
    measure REPS      the statement page: SQL queries, bytes, render times; prints JSON
    join-queries [N]  SQL queries of one join submission (GET + POST) and one approval, and
                      the in-process time of N joins (GET and POST each; 100)
    joins N           N joins after a warm-up, nothing else (bench/instructions.py counts them)
    save-page PATH    the statement page's HTML, and its Brotli and gzip copies, in PATH
    approve NAME      approve a new request for NAME (the cross-worker staleness check)
    profile TARGET    pyinstrument profile of the statement page ("page") or of 50 joins,
                      GET and POST ("join")

The environment (DJANGO_SETTINGS_MODULE, DATABASE_URL, ...) is the benchmarked server's.
"""

import json
import statistics
import sys
import time
import timeit
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from campaign.caching.generation import new_generation  # noqa: E402
from signatories.admin import moderation  # noqa: E402
from signatories.choices import State  # noqa: E402
from signatories.models import JoinRequest, Signatory  # noqa: E402

HOST = "127.0.0.1"
GROUPS = [("national", "")] + [("state", code) for code in State.values]


def clear_caches():
    """Nothing cached anywhere: every cache emptied, and a new generation, so what each
    process keeps in memory (routes, list values, stored pages) is stale too."""
    for cache in caches.all():
        cache.clear()
    new_generation()


def grow(total):
    """Add plainly named published signatories, spread over every heading, up to ``total``."""
    have = Signatory.objects.count()
    batch = []
    for number in range(have, total):
        level, state = GROUPS[number % len(GROUPS)]
        signatory = Signatory(
            name=f"Bench Community Organization {number:05d}", level=level, state=state, live=True
        )
        signatory.derive_fields()
        batch.append(signatory)
    Signatory.objects.bulk_create(batch, batch_size=500)
    return {"published": Signatory.objects.published().count()}


def require(condition, message):
    if not condition:
        raise SystemExit(f"bench: {message}")


def get_home(client):
    response = client.get("/")
    require(response.status_code == 200, f"GET / answered {response.status_code}")
    return response


def timings(func, repeat):
    return summary(timeit.repeat(func, number=1, repeat=repeat))


def summary(seconds):
    seconds = sorted(seconds)
    return {
        "median_ms": statistics.median(seconds) * 1000,
        "p95_ms": seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))] * 1000,
    }


def measure(repeat):
    """Cold (no cache at all), list cached (whole-page cache off) and whole page cached."""
    client = Client(HTTP_HOST=HOST)
    get_home(client)  # import templates, warm Wagtail's per-process caches
    clear_caches()
    # Counted at once: every request empties Django's query log (reset_queries).
    with CaptureQueriesContext(connection) as captured:
        response = get_home(client)
    queries = {"queries_cold": len(captured)}
    with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as captured:
        get_home(client)
    queries["queries_list_cached"] = len(captured)
    get_home(client)
    with CaptureQueriesContext(connection) as captured:
        hit = get_home(client)
    queries["queries_page_cached"] = len(captured)
    require(hit.headers.get("X-Page-Cache") == "hit", "the page was not served from the cache")

    def cold():
        clear_caches()
        get_home(client)

    with override_settings(PAGE_CACHE_SECONDS=0):
        cold_times = timings(cold, max(5, repeat // 10))
        list_times = timings(lambda: get_home(client), repeat)
    hit_times = timings(lambda: get_home(client), repeat * 5)
    return {
        "published": Signatory.objects.published().count(),
        "bytes": len(response.content),
        **queries,
        "render_cold": cold_times,
        "render_list_cached": list_times,
        "render_page_cached": hit_times,
    }


def editor():
    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def join_form(page, name):
    """The answers a person sends, with the tokens of the form page they were served."""
    html = page.content.decode()
    return {
        "csrfmiddlewaretoken": html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"')[0],
        "started": html.split('name="started" value="', 1)[1].split('"', 1)[0],
        "homepage": "",
        "name": name,
        "state": "CA",
        "city": "Fresno",
        "website": "https://example.org",
        "contact_name": "Bench",
        "contact_email": "bench@example.org",
        "consent": "on",
    }


def post_join(client, form):
    # Encoded as browsers (and bench/join.lua) send it, not as the test client's multipart.
    return client.post("/join/", urlencode(form), content_type="application/x-www-form-urlencoded")


def join_timings(client, repeat, label="Timing"):
    """In-process time of the blank form (GET) and of a valid submission (POST), each person
    a new visitor with a new name."""
    get_seconds, post_seconds = [], []
    for number in range(repeat):
        client.cookies.clear()
        started = time.perf_counter()
        page = client.get("/join/")
        get_seconds.append(time.perf_counter() - started)
        form = join_form(page, f"Bench {label} Alliance {number}")
        started = time.perf_counter()
        posted = post_join(client, form)
        post_seconds.append(time.perf_counter() - started)
        require(posted.status_code == 302, f"the join POST answered {posted.status_code}")
    return {"join_get_ms": summary(get_seconds), "join_post_ms": summary(post_seconds)}


def join_queries(repeat):
    """SQL statements of one person joining (GET the form, POST it) and of one approval, and
    the in-process time of each request."""
    client = Client(HTTP_HOST=HOST)
    client.get("/join/")  # warm per-process caches, as a running server has them
    with CaptureQueriesContext(connection) as get_queries:
        page = client.get("/join/")
    join_get = len(get_queries)
    # The first request in an email-sweep window also queues the sweep (one row per window,
    # signatories/joining/email_tasks.py); the ones after it in the window are what a spike
    # is made of.
    with CaptureQueriesContext(connection) as first_queries:
        first = post_join(client, join_form(page, "Bench Query Count Opening Alliance"))
    require(first.status_code == 302, f"the join POST answered {first.status_code}")
    form = join_form(client.get("/join/"), "Bench Query Count Alliance")
    with CaptureQueriesContext(connection) as post_queries:
        posted = post_join(client, form)
    post_sql = [q["sql"] for q in post_queries.captured_queries]
    require(posted.status_code == 302, f"the join POST answered {posted.status_code}")
    request = JoinRequest.objects.get(name="Bench Query Count Alliance")
    request.confirmed_at = timezone.now()
    request.save(update_fields=["confirmed_at"])
    user = editor()
    with CaptureQueriesContext(connection) as approve_queries:
        moderation.approve(request, user)
    approve_count = len(approve_queries)
    counter_updates = [
        sql for sql in post_sql if sql.upper().startswith("UPDATE") and "signatory" in sql
    ]
    return {
        "join_get": join_get,
        "join_post": len(post_sql),
        "join_post_opening_window": len(first_queries),
        "approve": approve_count,
        "signatory_updates_per_join": len(counter_updates),
        **join_timings(client, repeat),
    }


def save_page(path):
    """The statement page's HTML in ``path``, with the compressed copies the page cache would
    serve beside it as ``.br`` and ``.gz`` (WhiteNoise serves those to browsers that accept
    them)."""
    from campaign.caching.compression import compress

    content = get_home(Client(HTTP_HOST=HOST)).content
    path.write_bytes(content)
    for encoding, body in compress(content).items():
        path.with_name(path.name + {"br": ".br", "gzip": ".gz"}[encoding]).write_bytes(body)
    return {"saved": str(path), "bytes": len(content)}


def approve(name):
    request = JoinRequest.objects.create(
        name=name,
        level="state",
        state="AZ",
        contact_name="Bench",
        contact_email="bench-approve@example.org",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    moderation.approve(request, editor())
    return {"approved": name}


def profile(target):
    from pyinstrument import Profiler

    client = Client(HTTP_HOST=HOST)
    get_home(client)
    profiler = Profiler(interval=0.0005)
    if target == "join":
        join_timings(client, 5, "Warm-up")
        with profiler:
            join_timings(client, 50, "Profiled")
    else:
        with override_settings(PAGE_CACHE_SECONDS=0), profiler:
            for _ in range(20):
                clear_caches()
                get_home(client)
    print(profiler.output_text(unicode=False, color=False, show_all=False), file=sys.stderr)
    return {"profiled": target}


def main(argv):
    command, *rest = argv
    if command == "grow":
        result = grow(int(rest[0]))
    elif command == "measure":
        result = measure(int(rest[0]))
    elif command == "join-queries":
        result = join_queries(int(rest[0]) if rest else 100)
    elif command == "joins":
        client = Client(HTTP_HOST=HOST)
        join_timings(client, 5, "Warm-up")  # per-process caches, as a running server has them
        result = join_timings(client, int(rest[0]))
    elif command == "save-page":
        result = save_page(Path(rest[0]))
    elif command == "approve":
        result = approve(rest[0])
    elif command == "profile":
        result = profile(rest[0])
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
