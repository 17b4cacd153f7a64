"""The load test's verdict and the rows of its table that depend on the run's options.

Used by bench/load_join.py.
"""


def percentile(values, fraction):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))]


def verdict(args, outcomes, results, missing, duplicates, integrity, killed, hung, postgres):
    failures = []
    if outcomes["5xx"]:
        failures.append(f"{outcomes['5xx']} server errors")
    if missing:
        failures.append(f"{len(missing)} acknowledged but missing")
    if duplicates:
        failures.append(f"{duplicates} duplicate rows")
    if not postgres and integrity != "ok":
        failures.append(f"integrity_check: {integrity}")
    if outcomes["not-sent"]:
        failures.append(f"{outcomes['not-sent']} not sent within {args.max_seconds:.0f}s")
    if outcomes["rejected"]:
        failures.append(f"{outcomes['rejected']} rejected for another reason")
    if outcomes["conn-error"] and not args.kill_workers:
        failures.append(f"{outcomes['conn-error']} connection errors")
    if not args.kill_workers and outcomes["ack"] != len(results):
        failures.append("not every submission was acknowledged")
    if args.kill_workers and len(killed) < args.kill_workers:
        failures.append(f"only {len(killed)} of {args.kill_workers} workers killed")
    if args.hang_redis and not hung:
        failures.append("Redis never hung: the load ended first")
    return failures


def median_ms(results):
    return f"{percentile([r['seconds'] for r in results], 0.5) * 1000:.0f}"


def redis_rows(args, redis, results, log_text):
    if not redis:
        return [("cache", "the box cache (SQLite in var/cache/)")]
    hung = redis.hung_between()
    rows = [("cache", f"Redis {args.redis_url} through a proxy")]
    if args.hang_redis:
        during = [r for r in results if hung and hung[0] <= r["sent_at"] <= hung[1]]
        before = [r for r in results if hung and r["sent_at"] < hung[0]]
        when = f"{hung[1] - hung[0]:.1f} s" if hung else "never (the load ended first)"
        rows += [
            ("Redis hung for", when),
            ("submissions started while hung", f"{len(during)} "
             f"({sum(r['outcome'] == 'ack' for r in during)} acknowledged)"),
            ("GET+POST p50, before / while hung", f"{median_ms(before)} / {median_ms(during)} ms"),
            ("'did not answer' warnings in log", log_text.count("did not answer")),
        ]  # fmt: skip
    return rows
