"""The statement page under wrk at one size: cache off, cache on, the static file of the same
size, and whether a page is ever stale after an approval."""

import secrets
import shutil

from harness import (  # noqa: F401
    HOST,
    ROOT,
    Server,
    base_env,
    fetch,
    inprocess,
    manage,
    sqlite_copy,
    warm_up,
    wrk,
)

# What browsers send: the page cache and WhiteNoise both answer with their Brotli copy.
BROTLI = "Accept-Encoding: gzip, deflate, br"


def page_run(size, template, tmp, log, args):
    var = tmp / f"size-{size}"
    env = base_env(var, sqlite_copy(template, var))
    inprocess(env, "grow", size)
    measured = inprocess(env, "measure", args.repeat)
    # The ceiling: the page itself as a static file, with its Brotli and gzip copies as the
    # page cache compresses them, served by WhiteNoise in the same stack.
    static_name = f"bench/page-{size}.html"
    static_file = template / "static" / static_name
    static_file.parent.mkdir(exist_ok=True)
    inprocess(env, "save-page", static_file)
    if args.profile:
        inprocess(env, "profile", "page")

    results = {"size": size, **measured}
    server = Server({**env, "PAGE_CACHE_SECONDS": "0"}, log, args.workers, args.worker_class)
    try:
        warm_up(server.port, "/", args)
        results["uncached"] = wrk(server.port, "/", args)
        warm_up(server.port, "/static/" + static_name, args)
        results["static"] = wrk(server.port, "/static/" + static_name, args)
        results["static_br"] = wrk(server.port, "/static/" + static_name, args, headers=[BROTLI])
    finally:
        server.stop()
    shutil.rmtree(var / "cache" / "pages", ignore_errors=True)
    server = Server(env, log, args.workers, args.worker_class)
    try:
        warm_up(server.port, "/", args)
        results["cached"] = wrk(server.port, "/", args)
        results["cached_br"] = wrk(server.port, "/", args, headers=[BROTLI])
        results["stale_after_approval"] = stale_after_approval(env, server.port)
    finally:
        server.stop()
    return results


def stale_after_approval(env, port, visits=30):
    """Approve from another process, then ask every worker: how many answers miss the name?"""
    name = f"Bench Approval Check {secrets.token_hex(3)}"
    for _ in range(visits):
        fetch(port, "/")  # every worker has the page cached now
    inprocess(env, "approve", name)
    return sum(name.encode() not in fetch(port, "/")[2] for _ in range(visits))
