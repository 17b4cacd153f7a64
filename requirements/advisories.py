"""The advisory file (requirements/advisories.json): OSV records for the locked versions and
which pins they were gathered for, so `make audit` can check the pins with no service to ask.

`make audit-refresh` gathers them from whatever answers: OSV, or else PyPI's JSON API, whose
page for a release lists that release's advisories, and whose page for a project lists those
of its latest release only (where a registry serves no release pages, a pin older than the
latest is left unchecked, and says so).
"""
# Progress on a command line: the refresh says what did not answer.
# ruff: noqa: T201

import json
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

OSV_API = "https://api.osv.dev/v1"
PYPI_JSON = "https://pypi.org/pypi"


class Verdict:
    PASS, VULNERABLE, INCOMPLETE, UNREACHABLE = "pass", "vulnerable", "incomplete", "unreachable"


def read_pins(lock):
    """{canonical name: version} for every pin of a pip-compile lock file."""
    pins = {}
    for line in Path(lock).read_text().splitlines():
        requirement = line.split("#", 1)[0].strip()
        if "==" in requirement:
            name, version = requirement.split("==", 1)
            pins[canonicalize_name(name)] = version.split(";")[0].strip()
    return pins


def parse_version(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


def in_range(events, version):
    """Whether ``version`` falls in an OSV ECOSYSTEM range, given by its events."""
    bounds = [(kind, parse_version(bound)) for event in events for kind, bound in event.items()]
    affected = False
    for kind, bound in sorted((pair for pair in bounds if pair[1]), key=lambda pair: pair[1]):
        if kind == "introduced" and bound <= version:
            affected = True
        elif (kind == "fixed" and bound <= version) or (
            kind == "last_affected" and bound < version
        ):
            affected = False
    return affected


def affects(record, name, version):
    """Whether an OSV record names this PyPI package at this version."""
    parsed = parse_version(version)
    for affected in record.get("affected", []):
        package = affected.get("package", {})
        if package.get("ecosystem") != "PyPI" or canonicalize_name(package.get("name", "")) != name:
            continue
        if version in affected.get("versions", []):
            return True
        ranges = [r["events"] for r in affected.get("ranges", []) if r.get("type") == "ECOSYSTEM"]
        if parsed and any(in_range(events, parsed) for events in ranges):
            return True
    return False


def fixed_in(record):
    fixes = list(record.get("database_specific", {}).get("fixed_in", []))
    for affected in record.get("affected", []):
        for versions in affected.get("ranges", []):
            fixes += [event["fixed"] for event in versions.get("events", []) if "fixed" in event]
    return list(dict.fromkeys(fixes))


def judge_offline(advisories, pins):
    """The verdict and its lines for the pins, from the content of an advisory file."""
    found = [  # one line per advisory, though a record covering two pins is stored twice
        f"{name} {version}: {record['id']}, fixed in "
        + (", ".join(fixed_in(record)) or "no release yet")
        for name, version in sorted(pins.items())
        for record in advisories.get("vulns", [])
        if affects(record, name, version)
    ]
    if found:
        return Verdict.VULNERABLE, list(dict.fromkeys(found))
    missing = []
    for name, version in sorted(pins.items()):
        entry = advisories.get("packages", {}).get(name)
        if entry is None:
            missing.append(f"{name} {version}: not in the advisory file")
        elif entry["version"] != version:
            missing.append(f"{name} {version}: the file was gathered for {entry['version']}")
        elif not entry.get("source"):
            missing.append(f"{name} {version}: {entry.get('reason', 'no source answered')}")
    checked = f"{len(pins) - len(missing)} of {len(pins)} pins checked, no known vulnerability"
    if missing:
        return Verdict.INCOMPLETE, [checked, *(f"NOT checked: {line}" for line in missing)]
    return Verdict.PASS, [checked]


# --- gathering the advisories (make audit-refresh) -------------------------------------------


def fetch_json(url, payload=None):
    data = None if payload is None else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 - https URLs
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.load(response)


def osv_records(pins):
    """{name: OSV records} for every pin, or None when OSV does not answer."""
    queries = [{"package": {"name": n, "ecosystem": "PyPI"}, "version": v} for n, v in pins.items()]
    try:
        results = fetch_json(f"{OSV_API}/querybatch", {"queries": queries})["results"]
        return {
            name: [fetch_json(f"{OSV_API}/vulns/{vuln['id']}") for vuln in result.get("vulns", [])]
            for name, result in zip(pins, results, strict=True)
        }
    except (OSError, ValueError, KeyError) as error:
        print(f"OSV did not answer: {error}")
        return None


class PyPIAdvisories:
    """A pin's advisories from PyPI's JSON API: its release page, or the project page, which
    describes the latest release only (all some registries serve)."""

    def __init__(self):
        self.release_pages = True

    def records(self, name, version):
        """(OSV records, or None when no page tells of this version; why none)."""
        try:
            page = self.release_page(name, version) if self.release_pages else None
            if page is not None:
                return self.as_osv(name, version, page), ""
            project = fetch_json(f"{PYPI_JSON}/{name}/json")
        except (OSError, ValueError) as error:
            return None, f"PyPI's JSON API did not answer: {error}"
        if version in project.get("releases", {}):
            self.release_pages = False  # it lists the release but serves no page for it
        latest = project["info"]["version"]
        if latest != version:
            return None, f"PyPI's JSON API here describes only the latest release, {latest}"
        return self.as_osv(name, version, project), ""

    def release_page(self, name, version):
        try:
            return fetch_json(f"{PYPI_JSON}/{name}/{version}/json")
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    @staticmethod
    def as_osv(name, version, page):
        return [
            {
                "id": vuln["id"],
                "aliases": vuln.get("aliases") or [],
                "summary": vuln.get("summary") or (vuln.get("details") or "")[:200],
                "affected": [
                    {"package": {"ecosystem": "PyPI", "name": name}, "versions": [version]}
                ],
                "database_specific": {"fixed_in": vuln.get("fixed_in") or [], "source": "PyPI"},
            }
            for vuln in page.get("vulnerabilities") or []
            if not vuln.get("withdrawn")
        ]


def gather(pins):
    """The advisory file's content for ``pins``, from whatever answers; None if nothing did."""
    osv, pypi = osv_records(pins), PyPIAdvisories()
    packages, vulns, known = {}, [], set()
    for name, version in sorted(pins.items()):
        if osv is not None:
            records, source, reason = osv[name], "OSV", ""
        else:
            records, reason = pypi.records(name, version)
            source = "PyPI JSON API" if records is not None else None
        packages[name] = {"version": version, "source": source}
        if reason:
            packages[name]["reason"] = reason
        for record in records or []:
            # The same advisory under another id (PYSEC-, GHSA-) is kept once per package.
            names = {(name, alias) for alias in [record["id"], *record.get("aliases", [])]}
            if not names & known:
                vulns.append(record)
                known |= names
    if not any(entry["source"] for entry in packages.values()):
        return None
    generated = datetime.now(UTC).date().isoformat()
    return {"generated": generated, "packages": packages, "vulns": vulns}
