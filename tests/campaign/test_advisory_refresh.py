"""`make audit-refresh`: the advisory file is gathered from whatever answers, and says which
pins nothing could vouch for. The services are real HTTP servers on 127.0.0.1 answering as
OSV and PyPI's JSON API do."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from requirements import advisories, audit

MINERVA = {
    "id": "PYSEC-2026-1325",
    "aliases": ["CVE-2024-23342", "GHSA-wj6h-64fc-37mp"],
    "details": "A Minerva timing attack on the P-256 curve.",
    "fixed_in": [],
    "withdrawn": None,
}
# The same advisory under its other id, as PyPI lists both.
MINERVA_AGAIN = {**MINERVA, "id": "GHSA-wj6h-64fc-37mp", "aliases": ["PYSEC-2026-1325"]}
PROJECTS = {
    "ecdsa": {"latest": "0.19.2", "vulnerabilities": [MINERVA, MINERVA_AGAIN]},
    "django": {"latest": "6.1.3", "vulnerabilities": []},
    "wagtail": {"latest": "8.0.1", "vulnerabilities": []},
}
PINS = {"ecdsa": "0.19.2", "django": "5.2.19", "wagtail": "8.0.1"}
# An OSV record as OSV's API serves it: the versions it affects as ranges.
DJANGO_ADVISORY = {
    "id": "PYSEC-2099-7",
    "affected": [
        {
            "package": {"ecosystem": "PyPI", "name": "Django"},
            "ranges": [
                {"type": "ECOSYSTEM", "events": [{"introduced": "5.2"}, {"fixed": "5.2.20"}]}
            ],
        }
    ],
}


class Registry(BaseHTTPRequestHandler):
    """PyPI's JSON API as the registry this machine reaches serves it: project pages, and no
    page for a release; and OSV's API when ``osv`` is set."""

    osv = None

    def do_GET(self):
        parts = self.path.strip("/").split("/")
        if parts[0] == "pypi" and len(parts) == 3 and parts[1] in PROJECTS:
            project = PROJECTS[parts[1]]
            releases = {version: [] for version in ["5.2.19", project["latest"]]}
            info = {"version": project["latest"]}
            return self.reply({"info": info, "releases": releases, **project})
        if parts[:1] == ["osv"] and self.osv is not None and parts[-1] in self.osv["vulns"]:
            return self.reply(self.osv["vulns"][parts[-1]])
        self.send_error(404)

    def do_POST(self):
        if self.osv is None:
            return self.send_error(503)
        queries = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["queries"]
        found = self.osv["found"]
        results = [{"vulns": found.get(q["package"]["name"], [])} for q in queries]
        return self.reply({"results": results})

    def reply(self, content):
        body = json.dumps(content).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def registry(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setattr(advisories, "PYPI_JSON", f"{url}/pypi")
    monkeypatch.setattr(advisories, "OSV_API", f"{url}/osv")
    yield server
    server.shutdown()
    server.server_close()
    Registry.osv = None


def test_without_osv_the_registrys_project_pages_vouch_for_latest_releases_only(registry):
    gathered = advisories.gather(PINS)

    assert gathered["packages"]["ecdsa"] == {"version": "0.19.2", "source": "PyPI JSON API"}
    assert gathered["packages"]["wagtail"]["source"] == "PyPI JSON API"
    assert gathered["packages"]["django"] == {
        "version": "5.2.19",
        "source": None,
        "reason": "PyPI's JSON API here describes only the latest release, 6.1.3",
    }
    assert [record["id"] for record in gathered["vulns"]] == ["PYSEC-2026-1325"]
    verdict, lines = advisories.judge_offline(gathered, PINS)
    assert verdict == advisories.Verdict.VULNERABLE
    assert lines == ["ecdsa 0.19.2: PYSEC-2026-1325, fixed in no release yet"]


def test_osv_when_it_answers_vouches_for_every_pin(registry):
    Registry.osv = {
        "found": {"django": [{"id": "PYSEC-2099-7"}]},
        "vulns": {"PYSEC-2099-7": DJANGO_ADVISORY},
    }

    gathered = advisories.gather(PINS)

    assert {entry["source"] for entry in gathered["packages"].values()} == {"OSV"}
    assert gathered["vulns"] == [DJANGO_ADVISORY]
    assert advisories.judge_offline(gathered, PINS)[0] == advisories.Verdict.VULNERABLE


def test_refresh_writes_the_file_that_make_audit_reads(registry, tmp_path, capsys):
    lock, file = tmp_path / "lock.txt", tmp_path / "advisories.json"
    lock.write_text("".join(f"{name}=={version}\n" for name, version in PINS.items()))

    assert audit.main(["--refresh", "--lock", str(lock), "--advisories", str(file)]) == 0

    out = capsys.readouterr().out
    assert "advisories.json: 2 of 3 pins checked, 1 advisories" in out
    assert "not checked: django 5.2.19" in out
    assert json.loads(file.read_text())["packages"]["ecdsa"]["source"] == "PyPI JSON API"


def test_refresh_with_nothing_answering_keeps_the_file(registry, tmp_path, monkeypatch):
    monkeypatch.setattr(advisories, "PYPI_JSON", advisories.OSV_API)  # 404 for everything
    lock, file = tmp_path / "lock.txt", tmp_path / "advisories.json"
    lock.write_text("django==5.2.19\n")
    file.write_text('{"generated": "2099-01-31"}')

    assert audit.main(["--refresh", "--lock", str(lock), "--advisories", str(file)]) == 2
    assert file.read_text() == '{"generated": "2099-01-31"}'
