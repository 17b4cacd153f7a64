"""`make audit` (``python -m requirements.audit``): the pins of requirements/lock.txt checked
for known vulnerabilities.

pip-audit asks OSV, then PyPI. It exits 0 when its service answers "not found" for every
package, so its exit code alone would pass an audit that never happened. When neither service
answers, the pins are checked against requirements/advisories.json instead (advisories.py): the
advisories for the locked versions as `make audit-refresh` (``--refresh``) last gathered
them, and the report gives that date.

Exit codes: 0 every pin audited and none vulnerable; 1 vulnerabilities found, or pins left
unaudited; 2 nothing could be checked. With --allow-unreachable, pins that only a service
that did not answer could check are reported loudly and pass (exit 0).
"""
# A command-line report: its output is the point.
# ruff: noqa: T201

import argparse
import json
import subprocess
import sys
from pathlib import Path

from .advisories import Verdict, gather, judge_offline, read_pins

HERE = Path(__file__).resolve().parent
LOCK = HERE / "lock.txt"
ADVISORIES = HERE / "advisories.json"
SERVICES = ["osv", "pypi"]


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


def refresh(lock, path):
    pins = read_pins(lock)
    advisories = gather(pins)
    if advisories is None:
        print(f"Neither OSV nor PyPI's JSON API answered: {path.name} is unchanged.")
        return 2
    path.write_text(json.dumps(advisories, indent=1, sort_keys=True) + "\n")
    checked = [name for name, entry in advisories["packages"].items() if entry["source"]]
    print(f"{path.name}: {len(checked)} of {len(pins)} pins checked, "
          f"{len(advisories['vulns'])} advisories, {advisories['generated']}")  # fmt: skip
    for name, entry in advisories["packages"].items():
        if not entry["source"]:
            print(f"  not checked: {name} {entry['version']}: {entry['reason']}")
    return 0


def loud(lines):
    banner = "!" * 78
    print("\n".join([banner, *lines, banner]))


def audit_offline(args, unreachable):
    """The pins against the advisory file, after every service failed to answer."""
    if not args.advisories.exists():
        loud(
            [
                "AUDIT NOT RUN: no vulnerability service could be reached from this machine,",
                f"and there is no {args.advisories.name} to check against.",
                *(f"  {reason}" for reason in unreachable),
                "Nothing was checked; run `make audit` where OSV or PyPI's JSON API answers.",
            ]
        )
        return 0 if args.allow_unreachable else 2
    advisories = json.loads(args.advisories.read_text())
    verdict, lines = judge_offline(advisories, read_pins(args.lock))
    print("No vulnerability service answered:", "; ".join(unreachable))
    print(f"Checked offline against {args.advisories.name}, advisories gathered on "
          f"{advisories['generated']}: {verdict}")  # fmt: skip
    for line in lines:
        print(f"  {line}")
    if verdict == Verdict.PASS:
        return 0
    if verdict == Verdict.INCOMPLETE and args.allow_unreachable:
        loud(
            [
                f"{len(lines) - 1} pins above were NOT audited: nothing that answered covers them.",
                "The others were; `make audit-refresh` where OSV answers covers every pin.",
            ]
        )
        return 0
    return 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=LOCK)
    parser.add_argument("--advisories", type=Path, default=ADVISORIES)
    parser.add_argument(
        "--allow-unreachable",
        action="store_true",
        help="exit 0 (with a loud notice) for pins only an unreachable service could check",
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="gather the pins' advisories into --advisories from whatever answers, and exit",
    )
    args = parser.parse_args(argv)
    if args.refresh:
        return refresh(args.lock, args.advisories)
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
    return audit_offline(args, unreachable)


if __name__ == "__main__":
    sys.exit(main())
