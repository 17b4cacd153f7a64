"""`make audit`: the lock pins every dependency, and an audit that never ran never passes."""

import importlib.metadata
import importlib.util
import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..helpers import REPO_ROOT as ROOT

spec = importlib.util.spec_from_file_location("audit", ROOT / "requirements" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


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


def test_an_unreachable_service_exits_2_unless_allowed(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        audit, "run_pip_audit", lambda service, lock: (audit.Verdict.UNREACHABLE, ["no DNS"])
    )

    assert audit.main(["--lock", str(tmp_path / "lock.txt")]) == 2
    assert "AUDIT NOT RUN" in capsys.readouterr().out
    assert audit.main(["--lock", str(tmp_path / "lock.txt"), "--allow-unreachable"]) == 0
    assert "osv: no DNS" in capsys.readouterr().out
