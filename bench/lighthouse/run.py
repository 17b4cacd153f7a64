"""Lighthouse against the site as deployed: the production stack of the journeys (gunicorn with
``campaign.settings.production``, hashed static files, the task worker; tests/e2e/stack.py),
seeded, and each page audited with the mobile and the desktop preset.

Prints the four scores per page and preset, writes them into docs/performance.md between the
lighthouse markers, keeps each report under var/lighthouse/, and exits non-zero when
Accessibility, Best Practices or SEO is below 100 anywhere (Performance too, with
``--min-performance``). Run through ``make lighthouse``, which installs the pinned Lighthouse.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.stack import CHROMIUM_ARGS, Stack  # noqa: E402

PAGES = ["/", "/join/", "/take-action/", "/es/"]
PRESETS = ["mobile", "desktop"]
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best Practices",
    "seo": "SEO",
}
REQUIRED = ("accessibility", "best-practices", "seo")
DOC = ROOT / "docs" / "performance.md"
# On a busy machine Lighthouse now and then fails to record the page load at all ("NO_NAVSTART:
# Please run Lighthouse again"): such a run is tried again, up to ATTEMPTS in all. A score
# below target is never retried.
ATTEMPTS = 3
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"


def lighthouse(url, preset, report_path):
    """A Lighthouse run's report, as a dict: the page measured, or the run tried again."""
    command = [
        str(HERE / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        # Root in a container needs --no-sandbox; the rest keeps Chromium off Google's services.
        f"--chrome-flags={' '.join(['--headless=new', '--no-sandbox', *CHROMIUM_ARGS])}",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    for attempt in range(1, ATTEMPTS + 1):
        report_path.unlink(missing_ok=True)
        finished = subprocess.run(command, check=False, env=os.environ)  # noqa: S603 - fixed
        report = json.loads(report_path.read_text()) if report_path.exists() else None
        if finished.returncode == 0 and recorded(report):
            return report
        print(
            f"lighthouse: {url} ({preset}): run {attempt} of {ATTEMPTS} recorded no page load",
            file=sys.stderr,
            flush=True,
        )
    raise SystemExit(f"lighthouse: {url} ({preset}): no run of {ATTEMPTS} recorded the page")


def recorded(report):
    """Whether Lighthouse measured the page: no runtime error, a score in every category."""
    if report is None or report.get("runtimeError"):
        return False
    return all(report["categories"][key]["score"] is not None for key in CATEGORIES)


def scores(report):
    return {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def failing_audits(report, category):
    """The audits that cost ``category`` points, by id and title."""
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and (audits[ref["id"]]["score"] or 0) < 1
    ]


def table(rows):
    lines = ["| Page | Preset | " + " | ".join(CATEGORIES.values()) + " |"]
    lines.append("| --- | --- |" + " --- |" * len(CATEGORIES))
    for page, preset, result in rows:
        lines.append(
            f"| `{page}` | {preset} | " + " | ".join(str(result[k]) for k in CATEGORIES) + " |"
        )
    return "\n".join(lines)


def write_doc(text, version):
    machine = f"{os.cpu_count()} cores, Python {platform.python_version()}"
    block = (
        f"{START}\nMeasured {datetime.date.today().isoformat()} with Lighthouse {version} "
        f"(simulated throttling) on {machine}:\n\n{text}\n{END}"
    )
    doc = DOC.read_text()
    if START in doc and END in doc:
        doc = doc[: doc.index(START)] + block + doc[doc.index(END) + len(END) :]
    else:
        doc = doc.rstrip("\n") + f"\n\n## Lighthouse\n\n{block}\n"
    DOC.write_text(doc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-performance", type=int, default=0, help="fail below this")
    parser.add_argument("--no-write", action="store_true", help="leave docs/performance.md")
    args = parser.parse_args()
    if not os.environ.get("CHROME_PATH"):
        raise SystemExit("Set CHROME_PATH to Chromium (make lighthouse sets Debian's).")

    var = ROOT / "var" / "lighthouse"
    shutil.rmtree(var, ignore_errors=True)
    stack = Stack(var / "var", database_url=os.environ.get("DATABASE_URL", ""))
    rows, failures, version = [], [], "?"
    try:
        stack.prepare()
        stack.start()
        for page in PAGES:
            for preset in PRESETS:
                name = (page.strip("/").replace("/", "-") or "statement") + f"-{preset}"
                report = lighthouse(stack.url + page, preset, var / f"{name}.json")
                version = report["lighthouseVersion"]
                result = scores(report)
                rows.append((page, preset, result))
                print(f"{page} {preset}: {result}", flush=True)
                for key in CATEGORIES:
                    minimum = 100 if key in REQUIRED else args.min_performance
                    if result[key] < minimum:
                        failures.append(f"{page} {preset} {CATEGORIES[key]} {result[key]}")
                        failures += [f"    {audit}" for audit in failing_audits(report, key)]
    finally:
        stack.close()
    text = table(rows)
    print(text)
    if not args.no_write:
        write_doc(text, version)
    if failures:
        print("Below target:\n" + "\n".join(failures), file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
