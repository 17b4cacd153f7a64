"""How many gunicorn worker processes serve the site: gunicorn.conf.py starts that many, and
`manage.py check --deploy` (campaign/checks.py) reads the same number, so the two never
disagree about whether per-process state is shared."""

import multiprocessing
import os


def web_concurrency(environ=os.environ):
    """WEB_CONCURRENCY, or two processes per core: the work is mostly CPU-bound Python, and
    two per core keep the cores busy while some requests wait on the database."""
    value = environ.get("WEB_CONCURRENCY")
    if not value:
        return multiprocessing.cpu_count() * 2
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"WEB_CONCURRENCY must be a whole number, got {value!r}") from None
