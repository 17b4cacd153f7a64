#!/usr/bin/env python3
"""`make audit`: pip-audit of requirements/lock.txt, telling "vulnerable" from "could not ask".

pip-audit exits 0 when its service answers "not found" for every package, so its exit code
alone would pass an audit that never happened. Exit codes: 0 every pinned package audited and
none vulnerable; 1 vulnerabilities found, or packages the service could not audit; 2 no
vulnerability service reachable (0 with --allow-unreachable, after a loud notice).
"""
# A command-line report: its output is the point.
# ruff: noqa: T201

import argparse
import json
import subprocess
import sys
from pathlib import Path

LOCK = Path(__file__).resolve().parent / "lock.txt"
SERVICES = ["osv", "pypi"]


class Verdict:
    PASS, VULNERABLE, INCOMPLETE, UNREACHABLE = "pass", "vulnerable", "incomplete", "unreachable"


def judge(report):
    """The verdict and its lines for one pip-audit JSON report (``-f json``)."""
    dependencies = report.get("dependencies", [])
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    audited = [dep for dep in dependencies if "skip_reason" not in dep]
    found = [
        f"{dep['name']} {dep['version']}: {vuln['id']}, fixed in "
        + (", ".join(vuln.get("fix_versions", [])) or "no release yet")
        for dep in audited
        for vuln in dep.get("vulns", [])
    ]
    if found:
        return Verdict.VULNERABLE, found
    if dependencies and not audited:
        # Every lookup failed the same way: the service is not answering for this machine.
        return Verdict.UNREACHABLE, [skipped[0]["skip_reason"]]
    if skipped:
        return Verdict.INCOMPLETE, [dep["skip_reason"] for dep in skipped]
    return Verdict.PASS, [f"{len(audited)} packages audited, no known vulnerability"]


def run_pip_audit(service, lock):
    """pip-audit's verdict for one service; UNREACHABLE when it fails before reporting."""
    completed = subprocess.run(  # noqa: S603 - pip-audit from this interpreter, fixed arguments
        [sys.executable, "-m", "pip_audit", "--requirement", str(lock), "--no-deps",
         "--disable-pip", "--vulnerability-service", service, "--format", "json",
         "--progress-spinner", "off"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        last_line = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return Verdict.UNREACHABLE, [last_line[:300]]
    return judge(report)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=LOCK)
    parser.add_argument(
        "--allow-unreachable",
        action="store_true",
        help="exit 0 (with a loud notice) when no vulnerability service answers, e.g. in CI",
    )
    args = parser.parse_args(argv)
    unreachable = []
    for service in SERVICES:
        verdict, lines = run_pip_audit(service, args.lock)
        if verdict == Verdict.UNREACHABLE:
            unreachable.append(f"{service}: {lines[0]}")
            continue
        print(f"pip-audit ({service}) of {args.lock.name}: {verdict}")
        for line in lines:
            print(f"  {line}")
        return 0 if verdict == Verdict.PASS else 1
    banner = "!" * 78
    print(banner)
    print("AUDIT NOT RUN: no vulnerability service could be reached from this machine.")
    for reason in unreachable:
        print(f"  {reason}")
    print("Nothing was checked; run `make audit` where OSV or PyPI's JSON API answers.")
    print(banner)
    return 0 if args.allow_unreachable else 2


if __name__ == "__main__":
    sys.exit(main())
