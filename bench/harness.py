"""The benchmark's harness: gunicorn on a free port, wrk, the in-process steps (bench/
inprocess.py) and the seeded SQLite template every run copies."""

import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from load_server import free_port, manage, server_env  # noqa: E402

HOST = "127.0.0.1"
POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def inprocess(env, *args):
    result = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [sys.executable, str(BENCH / "inprocess.py"), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: inprocess {args[0]} failed:\n{result.stderr[-3000:]}")
    if args[0] == "profile":
        print(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def fetch(port, path):
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=30) as response:
        return response.status, dict(response.headers), response.read()


class Server:
    """gunicorn with the repository's gunicorn.conf.py, on a free port, until stopped."""

    def __init__(self, env, log, workers, worker_class):
        self.port = free_port()
        server_env = {
            **env,
            "GUNICORN_BIND": f"{HOST}:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_WORKER_CLASS": worker_class,
            # More than one thread turns gunicorn's sync worker into gthread.
            "GUNICORN_THREADS": "1" if worker_class == "sync" else env.get("GUNICORN_THREADS", "4"),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "campaign.wsgi"],
            cwd=ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("bench: gunicorn exited while starting; see the log (--keep)")
            try:
                if fetch(self.port, "/join/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("bench: gunicorn did not answer in time")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def warm_up(port, path, args, headers=()):
    """Two seconds of the same load, not measured: every worker and thread has served it."""
    quick = SimpleNamespace(threads=args.threads, connections=args.connections, seconds=2)
    wrk(port, path, quick, headers=headers)


def wrk(port, path, args, script=None, script_args=(), headers=()):
    """Run wrk; returns requests/s, p50 and p99 in ms, non-2xx/3xx count and the raw output."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s"]
    command += ["--latency", *(("-s", str(script)) if script else ())]
    command += [option for header in headers for option in ("-H", header)]
    command += [f"http://{HOST}:{port}{path}", "--", *script_args]
    output = subprocess.run(  # noqa: S603 - wrk with fixed arguments
        command, capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = re.findall(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\b", output, re.M)
    latency = {pct: float(value) * UNITS[unit] for pct, value, unit in percentiles}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rate": rate,
        "p50": latency.get("50"),
        "p99": latency.get("99"),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
        "output": output,
    }


def machine():
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu or 'unknown CPU'}, Python {platform.python_version()}"


def postgres_available():
    try:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN, connect_timeout=3):
            return True, ""
    except Exception as exc:  # noqa: BLE001 - any failure means: skip, and say why
        return False, f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:120]}"


def prepare_template(tmp, log):
    """Migrate and seed one SQLite database and collect static files once; sizes copy it."""
    var = tmp / "template"
    env = base_env(var, f"sqlite:///{var / 'db.sqlite3'}")
    manage(env, "migrate", "--noinput", "-v0", log=log)
    manage(env, "seed_campaign", "--no-dev-admin", log=log)
    manage(env, "collectstatic", "--noinput", "-v0", log=log)
    return var


def base_env(var, database_url):
    env = server_env(SimpleNamespace(sqlite_default_transactions=False), var, database_url)
    env.pop("PAGE_CACHE_SECONDS", None)
    env["GUNICORN_ACCESS_LOG"] = ""
    return env


def sqlite_copy(template, var):
    var.mkdir(parents=True)
    (var / "cache").mkdir()
    # Both databases: the site's and the box cache's (its table made by migrate). Through
    # SQLite's backup API, since a copy of the file alone would miss what is still in its WAL.
    for name in ("db.sqlite3", "cache/box.sqlite3"):
        with sqlite3.connect(template / name) as source, sqlite3.connect(var / name) as copy:
            source.backup(copy)
        source.close()
        copy.close()
    (var / "static").symlink_to(template / "static")
    return f"sqlite:///{var / 'db.sqlite3'}"
