"""The results table and the targets, as bench/results.md shows them."""

from harness import HOST, ROOT  # noqa: F401


def ms(timing):
    return f"{timing['median_ms']:.1f} / {timing['p95_ms']:.1f}"


def rate(load):
    return f"{load['rate']:,.0f}"


def lat(load):
    return f"{load['p50']:.1f} / {load['p99']:.1f}"


def emails(join):
    drained = join["emails_drained_after"]
    last = f"the last {drained:.0f} s after it" if drained is not None else "NOT ALL sent"
    return (
        f"emails: {join['emails_during_load']:,} sent during the load; "
        f"{join['acknowledgments']:,} acknowledgments of {join['emails_expected']:,} requests "
        f"and {join['digests']:,} editors' digests listing {join['digest_lines']:,}, {last}"
    )


def table(pages, joins, queries, args, notes):
    header = ["Measure", *(f"{page['size']:,} names" for page in pages)]
    rows = [
        ("SQL queries: cold / list cached / page cached", lambda p: f"{p['queries_cold']} / "
         f"{p['queries_list_cached']} / {p['queries_page_cached']}"),
        ("HTML bytes", lambda p: f"{p['bytes']:,}"),
        ("In-process render, cold (no cache), ms median / p95", lambda p: ms(p["render_cold"])),
        ("In-process render, list cached, ms median / p95", lambda p: ms(p["render_list_cached"])),
        ("In-process, page cached, ms median / p95", lambda p: ms(p["render_page_cached"])),
        ("Page cache off: requests/s", lambda p: rate(p["uncached"])),
        ("Page cache off: p50 / p99 ms", lambda p: lat(p["uncached"])),
        ("Page cached: requests/s", lambda p: rate(p["cached"])),
        ("Page cached: p50 / p99 ms", lambda p: lat(p["cached"])),
        ("Static file, same size: requests/s", lambda p: rate(p["static"])),
        ("Static file: p50 / p99 ms", lambda p: lat(p["static"])),
        ("Cached / static", lambda p: f"{p['cached']['rate'] / p['static']['rate']:.0%}"),
        ("Brotli: page cached / static file, requests/s", lambda p:
         f"{p['cached_br']['rate']:,.0f} / {p['static_br']['rate']:,.0f}"),
        ("Brotli: cached / static", lambda p:
         f"{p['cached_br']['rate'] / p['static_br']['rate']:.0%}"),
        ("Stale answers after an approval (of 30)", lambda p: str(p["stale_after_approval"])),
    ]  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for label, cell in rows:
        lines.append("| " + " | ".join([label, *(cell(page) for page in pages)]) + " |")
    blank = [""] * (len(header) - 2)
    for join in joins:
        if "skipped" in join:
            skipped = f"| Join ({join['label']}) | skipped: {join['skipped']} |"
            lines.append(skipped + " |" * len(blank))
            continue
        cells = [
            f"**{join['rate']:.0f}/s**, p50 / p99 {lat(join)} ms",
            f"{join['acks']} acknowledged, {join['stored']} stored, lost {join['lost']}, "
            f"duplicated {join['duplicates']}, 5xx/errors {join['errors']}, "
            f"other refusals {join['rejected']}",
            emails(join),
        ]
        while len(cells) < len(header) - 1:
            cells.append("")
        lines.append(f"| Join end to end ({join['label']}) | " + " | ".join(cells) + " |")
    lines.append(
        f"| SQL queries per join: GET form / POST | {queries['join_get']} / {queries['join_post']}"
        f" ({queries['join_post_opening_window']} for the first in an email-sweep window)"
        f" | per approval: {queries['approve']} | signatory UPDATEs per join: "
        f"{queries['signatory_updates_per_join']} |"
    )
    lines.append(
        f"| Join in-process (SQLite), ms median / p95 | GET form {ms(queries['join_get_ms'])}"
        f" | POST {ms(queries['join_post_ms'])} | |"
    )
    return "\n".join(lines)


def ratio(large, small, timing):
    return large[timing]["median_ms"] / small[timing]["median_ms"]


def targets(pages, joins):
    small, large = pages[0], pages[-1]
    checks = [
        (
            "statement page at most 10 SQL queries at every size (cold)",
            all(p["queries_cold"] <= 10 for p in pages),
            ", ".join(str(p["queries_cold"]) for p in pages),
        ),
        (
            f"{large['size']:,}-name render under 4x the {small['size']}-name render "
            "(page cache off, list cached)",
            ratio(large, small, "render_list_cached") < 4,
            f"{ratio(large, small, 'render_list_cached'):.1f}x (cold, nothing cached: "
            f"{ratio(large, small, 'render_cold'):.1f}x)",
        ),
        (
            "cached page at least 80% of the static file's requests/s",
            all(p["cached"]["rate"] >= 0.8 * p["static"]["rate"] for p in pages),
            ", ".join(f"{p['cached']['rate'] / p['static']['rate']:.0%}" for p in pages),
        ),
        (
            "cached page served Brotli-compressed at least 100% of the static file's "
            "requests/s, served the same way",
            all(p["cached_br"]["rate"] >= p["static_br"]["rate"] for p in pages),
            ", ".join(f"{p['cached_br']['rate'] / p['static_br']['rate']:.0%}" for p in pages),
        ),
        (
            "never a stale page after an approval",
            all(p["stale_after_approval"] == 0 for p in pages),
            ", ".join(str(p["stale_after_approval"]) for p in pages),
        ),
    ]
    for join in joins:
        if "skipped" in join:
            continue
        checks.append(
            (
                f"join >= 300/s with p99 < 500 ms, nothing lost or duplicated ({join['label']})",
                join["rate"] >= 300 and join["p99"] < 500 and not join["lost"]
                and not join["duplicates"] and not join["errors"],
                f"{join['rate']:.0f}/s, p99 {join['p99']:.0f} ms, lost {join['lost']}, "
                f"duplicated {join['duplicates']}",
            )
        )  # fmt: skip
        checks.append(
            (
                "every join acknowledged once and listed once in an editors' digest, after the "
                f"load ({join['label']})",
                join["emails_drained_after"] is not None
                and join["acknowledgments"] == join["emails_expected"]
                and join["digest_lines"] == join["emails_expected"],
                f"{join['acknowledgments']:,} acknowledgments and {join['digest_lines']:,} "
                f"digest lines of {join['emails_expected']:,} in {join['digests']:,} digests",
            )
        )
    return "\n".join(
        f"- {'MET' if ok else 'NOT MET'}: {text} ({value})" for text, ok, value in checks
    )
