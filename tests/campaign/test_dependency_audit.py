"""`make audit`: the lock pins every dependency, what runs is what the lock pins, and an audit
that never ran never passes."""

import importlib.metadata
import json
import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from requirements import advisories, audit

from ..helpers import REPO_ROOT as ROOT


def locked_versions():
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split("==", 1)
            pins[canonicalize_name(name.strip())] = version.split()[0]
    return pins


def declared_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project.get("optional-dependencies", {}).values()
    return [Requirement(line) for line in [*project["dependencies"], *sum(extras, [])]]


@pytest.mark.parametrize("requirement", declared_requirements(), ids=str)
def test_lock_pins_every_declared_dependency_within_its_bounds(requirement):
    pins = locked_versions()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement.name} is not in requirements/lock.txt: run `make lock`"
    assert requirement.specifier.contains(pins[name], prereleases=True), (
        f"lock.txt pins {requirement.name}=={pins[name]}, outside {requirement.specifier}: "
        "run `make lock`"
    )


def installed_versions():
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
    }


def test_every_installed_package_the_lock_pins_is_at_its_pinned_version():
    # `make install` installs from the lock, so what `make audit` checks is what runs; a venv
    # built from the version ranges, or with the setuptools venv gave it, differs.
    pins, installed = locked_versions(), installed_versions()
    differ = [
        f"{name} {installed[name]} (lock.txt: {pin})"
        for name, pin in sorted(pins.items())
        if name in installed and installed[name] != pin
    ]
    assert not differ, f"not the locked versions: {', '.join(differ)}; run `make install-test`"


def test_the_locked_tools_and_the_test_dependencies_are_installed():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    needed = [
        "pip",
        "setuptools",
        *project["dependencies"],
        *project["optional-dependencies"]["test"],
    ]
    installed = installed_versions()
    missing = [
        str(req) for req in map(Requirement, needed) if canonicalize_name(req.name) not in installed
    ]
    assert not missing


def test_every_install_in_the_makefile_takes_the_lock_as_constraints():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^LOCK := requirements/lock\.txt$", makefile, re.MULTILINE)
    installs = [
        line.strip() for line in makefile.splitlines() if re.search(r"pip\b.* install", line)
    ]
    assert installs == ["PIP_INSTALL = $(BIN)/python -m pip install --quiet -c $(LOCK)"]
    assert "$(PIP_INSTALL) pip setuptools" in makefile


def dependency(name, version="1.0", vulns=()):
    return {"name": name, "version": version, "vulns": list(vulns)}


def skipped(name):
    return {"name": name, "skip_reason": f"Dependency not found on PyPI: {name} (1.0)"}


def test_a_known_vulnerability_fails_the_audit():
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["5.2.99"], "aliases": [], "description": ""}
    report = {"dependencies": [dependency("django", "5.2.0", [vuln]), dependency("wagtail")]}

    verdict, lines = audit.judge(report)

    assert verdict == audit.Verdict.VULNERABLE
    assert lines == ["django 5.2.0: PYSEC-2099-1, fixed in 5.2.99"]


def test_every_lookup_failing_is_unreachable_not_a_pass():
    # What PyPI's mirror here answers for every package: pip-audit itself exits 0 on it.
    report = {"dependencies": [skipped("django"), skipped("wagtail")]}

    verdict, _ = audit.judge(report)

    assert verdict == audit.Verdict.UNREACHABLE


def test_some_packages_left_unaudited_is_incomplete():
    report = {"dependencies": [dependency("django"), skipped("private-package")]}

    verdict, lines = audit.judge(report)

    assert verdict == audit.Verdict.INCOMPLETE
    assert "private-package" in lines[0]


def test_every_package_audited_and_clean_passes():
    verdict, lines = audit.judge({"dependencies": [dependency("django"), dependency("wagtail")]})

    assert verdict == audit.Verdict.PASS
    assert lines == ["2 packages audited, no known vulnerability"]


@pytest.fixture
def unreachable(monkeypatch):
    """No vulnerability service answers, as from this machine."""
    monkeypatch.setattr(
        audit, "run_pip_audit", lambda service, lock: (audit.Verdict.UNREACHABLE, ["no DNS"])
    )


def test_with_no_service_and_no_advisory_file_nothing_passes(tmp_path, capsys, unreachable):
    args = ["--lock", str(tmp_path / "lock.txt"), "--advisories", str(tmp_path / "none.json")]

    assert audit.main(args) == 2
    assert "AUDIT NOT RUN" in capsys.readouterr().out
    assert audit.main([*args, "--allow-unreachable"]) == 0
    assert "osv: no DNS" in capsys.readouterr().out


# --- offline, against the advisory file ------------------------------------------------------


def django_advisory(fixed="5.2.20"):
    events = [{"introduced": "5.2"}, {"fixed": fixed}]
    return {
        "id": "PYSEC-2099-7",
        "aliases": ["CVE-2099-7"],
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": "Django"},
                "ranges": [{"type": "ECOSYSTEM", "events": events}],
            }
        ],
    }


def offline(tmp_path, pins, vulns=(), covered=None):
    """``main``'s arguments for a lock of ``pins`` and an advisory file gathered for
    ``covered`` (all the pins by default)."""
    lock, file = tmp_path / "lock.txt", tmp_path / "advisories.json"
    lock.write_text("".join(f"{name}=={version}\n    # via x\n" for name, version in pins.items()))
    covered = pins if covered is None else covered
    packages = {name: {"version": version, "source": "OSV"} for name, version in covered.items()}
    content = {"generated": "2099-01-31", "packages": packages, "vulns": list(vulns)}
    file.write_text(json.dumps(content))
    return ["--lock", str(lock), "--advisories", str(file)]


def test_ci_audits_the_lock_against_the_repositorys_advisory_file(capsys, unreachable):
    # What `.ci/run` runs: with no service to ask, the pins are still checked, and it says so.
    status = audit.main(["--allow-unreachable"])

    out = capsys.readouterr().out
    generated = json.loads((ROOT / "requirements" / "advisories.json").read_text())["generated"]
    assert f"Checked offline against advisories.json, advisories gathered on {generated}" in out
    assert "AUDIT NOT RUN" not in out
    assert status == (1 if ": vulnerable" in out else 0)


def test_the_advisory_file_was_gathered_for_every_pin_of_the_lock():
    content = json.loads((ROOT / "requirements" / "advisories.json").read_text())
    gathered = {name: entry["version"] for name, entry in content["packages"].items()}
    assert gathered == locked_versions(), "run `make audit-refresh` after `make lock`"


def test_offline_a_vulnerable_pin_fails_the_audit_whatever_is_allowed(
    tmp_path, capsys, unreachable
):
    args = offline(tmp_path, {"django": "5.2.19", "wagtail": "8.0.1"}, [django_advisory()])

    assert audit.main([*args, "--allow-unreachable"]) == 1
    out = capsys.readouterr().out
    assert "advisories gathered on 2099-01-31: vulnerable" in out
    assert "django 5.2.19: PYSEC-2099-7, fixed in 5.2.20" in out


def test_offline_clean_pins_pass(tmp_path, capsys, unreachable):
    args = offline(tmp_path, {"django": "5.2.20"}, [django_advisory(fixed="5.2.20")])

    assert audit.main(args) == 0
    assert "gathered on 2099-01-31: pass" in capsys.readouterr().out


def test_offline_pins_the_file_does_not_cover_fail_unless_allowed(tmp_path, capsys, unreachable):
    pins = {"django": "5.2.19", "wagtail": "8.0.1"}
    args = offline(tmp_path, pins, covered={"django": "5.2.19", "wagtail": "8.0"})

    assert audit.main(args) == 1
    assert "wagtail 8.0.1: the file was gathered for 8.0" in capsys.readouterr().out
    assert audit.main([*args, "--allow-unreachable"]) == 0
    assert "1 pins above were NOT audited" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("version", "affected"),
    [("5.1.9", False), ("5.2", True), ("5.2.19", True), ("5.2.20", False), ("6.0", False)],
)
def test_an_osv_range_covers_from_introduced_up_to_fixed(version, affected):
    assert advisories.affects(django_advisory(), "django", version) is affected


def test_an_osv_range_with_last_affected_includes_it():
    record = django_advisory()
    record["affected"][0]["ranges"][0]["events"] = [{"introduced": "0"}, {"last_affected": "4.2"}]
    assert advisories.affects(record, "django", "4.2")
    assert not advisories.affects(record, "django", "4.2.1")
