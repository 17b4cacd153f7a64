"""The load test's clients: people who GET the join form and POST it, as a browser would.

Every request goes to 127.0.0.1. Used by bench/load_join.py (in client processes).
"""

import html.parser
import http.client
import random
import time
import urllib.parse
from collections import deque

HOST = "127.0.0.1"
JOIN_PATH = "/join/"
THANKS_PATH = "/join/thanks/"
STATES = ["national", "CA", "NY", "TX", "WA", "IL", "PA", "OH", "GA", "MI", "OR", "MN"]
MAX_SUBMISSIONS = 20_000


class _FormInputs(html.parser.HTMLParser):
    """The names and values of <input> elements: the CSRF token and the signed start time."""

    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            attrs = dict(attrs)
            if attrs.get("name"):
                self.values.setdefault(attrs["name"], attrs.get("value") or "")


def request(port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _cookies(headers):
    """The Set-Cookie name=value pairs, sent back by hand: the production CSRF cookie is
    Secure, which only a browser (or cookie jar) would refuse to return over plain HTTP."""
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            if "=" in pair:
                key, val = pair.split("=", 1)
                jar[key.strip()] = val.strip()
    return jar


def submit(port, job):
    """One person: GET the form for cookie and tokens, then POST it. Returns a result dict."""
    result = {"id": job["id"], "email": job["contact_email"], "org": job["org"],
              "sent_at": time.time()}  # fmt: skip
    try:
        status, headers, body = request(port, "GET", JOIN_PATH)
        if status != 200:
            result.update(outcome="5xx" if status >= 500 else "rejected", status=status)
            result["phase"] = "GET"
            return result
        inputs = _FormInputs()
        inputs.feed(body.decode("utf-8", "replace"))
        jar = _cookies(headers)
        form = {
            "csrfmiddlewaretoken": inputs.values.get("csrfmiddlewaretoken", ""),
            "started": inputs.values.get("started", ""),
            "homepage": "",
            "name": job["name"],
            "state": job["state"],
            "city": "Springfield",
            "website": "https://example.org",
            "contact_name": "Load Test",
            "contact_email": job["contact_email"],
            "consent": "on",
        }
        data = urllib.parse.urlencode(form).encode()
        post_headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            "Origin": f"http://{HOST}:{port}",
            "Referer": f"http://{HOST}:{port}{JOIN_PATH}",
        }
        began = time.perf_counter()
        status, headers, body = request(port, "POST", JOIN_PATH, data, post_headers)
        result["latency"] = time.perf_counter() - began
        result["status"] = status
        location = {k.lower(): v for k, v in headers}.get("location", "")
        if status == 302 and urllib.parse.urlsplit(location).path == THANKS_PATH:
            result["outcome"] = "ack"
        elif status >= 500:
            result["outcome"] = "5xx"
        else:
            result["outcome"] = "rejected"
    except (OSError, http.client.HTTPException) as exc:
        result.update(outcome="conn-error", error=f"{type(exc).__name__}: {exc}")
    result["seconds"] = time.time() - result["sent_at"]  # the GET and the POST
    return result


def client(port, jobs, deadline):
    results = []
    for job in jobs:
        if time.time() > deadline:
            results.append({"id": job["id"], "email": job["contact_email"], "org": job["org"],
                            "outcome": "not-sent"})  # fmt: skip
            continue
        results.append(submit(port, job))
    return results


def plan_jobs(submissions, clients, duplicate_every, run_id):
    """The submissions, ordered so both halves of a duplicate pair sit in the same round on
    two different clients (client c takes order[c::clients]): sent at the same moment."""
    pairs_wanted = submissions // duplicate_every // 2 if duplicate_every and clients > 1 else 0
    singles_wanted = submissions - 2 * pairs_wanted
    rng = random.Random(run_id)
    counter = iter(range(MAX_SUBMISSIONS * 2))

    def org(number):
        return {"org": number, "name": f"Loadtest {run_id} Alliance {number}",
                "state": STATES[number % len(STATES)]}  # fmt: skip

    def job(organization):
        n = next(counter)
        return {**organization, "id": n, "contact_email": f"load-{run_id}-{n}@example.org"}

    singles = deque(org(n) for n in range(singles_wanted))
    pairs = deque(org(singles_wanted + n) for n in range(pairs_wanted))
    order = []
    while singles or pairs:
        slot = len(order) % clients
        share = 2 * len(pairs) / (2 * len(pairs) + len(singles))
        if pairs and (not singles or (slot != clients - 1 and rng.random() < share)):
            organization = pairs.popleft()
            order += [job(organization), job(organization)]
        else:
            order.append(job(singles.popleft()))
    return order, pairs_wanted
