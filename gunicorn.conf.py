"""Gunicorn settings for production: `gunicorn campaign.wsgi:application` reads this file.

Every value can be changed through the environment (docs/configuration.md; GUNICORN_CMD_ARGS
works too).
"""

import os

from campaign.settings.workers import web_concurrency

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = web_concurrency()
# Sync workers, one request at a time each: the work is CPU-bound Python, so threads only take
# turns on the GIL, and with kept-alive connections one worker can end up owning most of them
# (docs/performance.md). The reverse proxy in front keeps the visitors' connections alive and
# buffers slow clients, as gunicorn's docs ask of sync workers.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1" if worker_class == "sync" else "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
backlog = int(os.environ.get("GUNICORN_BACKLOG", "2048"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Not reuse_port: it gives each worker its own listening socket, which spreads kept-alive
# connections more evenly, but connections queued on a stopping worker's socket are then
# reset, and workers stop on every recycle below.
# Recycle workers now and then, staggered, so a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))
# Behind a reverse proxy on the same host; set to its address when it runs elsewhere.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load Django once in the master and fork ready workers: they answer at once after a
# (re)start and share memory pages. Nothing opens a database connection at import.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# A control socket in the home directory is state we do not need on a web server.
control_socket_disable = True
