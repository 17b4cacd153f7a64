# A newcomer needs only: make run, make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test test-slow test-servers check-deploy backup messages lint migrations-check install install-test clean \
	load-test

# Every install takes the versions pinned in requirements/lock.txt (as constraints), pip and
# setuptools included: what `make audit` checks is what runs.
LOCK := requirements/lock.txt
PIP_INSTALL = $(BIN)/python -m pip install --quiet -c $(LOCK)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files make a second run skip the install unless pyproject.toml, the lock or the way
# of installing (this Makefile) changed.
$(VENV)/.installed: pyproject.toml $(LOCK) Makefile | $(BIN)/python
	$(PIP_INSTALL) pip setuptools
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK) $(VENV)/.installed
	$(PIP_INSTALL) -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed-redis: pyproject.toml $(LOCK) $(VENV)/.installed
	$(PIP_INSTALL) -e ".[redis]"
	touch $@

# The task worker (emails, search index updates) runs beside the server and stops with it.
# PUBLIC_URL is where runserver listens, so seed_campaign puts the default site there and
# every absolute link (emails, canonical and share tags, hreflang, sitemap) works locally.
run: export PUBLIC_URL = http://127.0.0.1:$(PORT)
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_campaign
	$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# A consistent copy of the database, taken while the site keeps running (var/backups/).
backup: install
	$(MANAGE) backup_database

# Maintainers: refresh the Spanish catalog from the code and templates, then compile it (needs
# GNU gettext). Translate what is new in locale/es/LC_MESSAGES/django.po (no "fuzzy" left),
# run it again, and commit both the .po and the .mo: the site reads the .mo.
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=tests --ignore=bench
messages: install
	$(MANAGE) makemessages --locale es --no-obsolete --add-location file $(MESSAGES_IGNORE)
	$(MANAGE) compilemessages --locale es $(MESSAGES_IGNORE)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install-test
	DJANGO_SETTINGS_MODULE=campaign.settings.test $(MANAGE) makemigrations --check --dry-run

# On every core; the tests marked slow (load tests, subprocess runs) wait for `make test-slow`.
test: lint migrations-check
	$(BIN)/pytest -n auto -m "not slow"

# CI runs it right after `make test`, one test at a time: the load tests time their own workers.
test-slow: install-test
	$(BIN)/pytest -m slow

# Django's deployment checklist and the project's own (campaign/checks.py) against the
# production settings as a real deployment sets them, with a throwaway key. The database is an
# empty one in memory, not var/'s development copy (its admin/admin account and local site are
# meant to be there): the checks that read it say they were skipped. Redis is never contacted.
check-deploy: $(VENV)/.installed-redis
	DJANGO_SETTINGS_MODULE=campaign.settings.production ALLOWED_HOSTS=statement.example.org \
	PUBLIC_URL=https://statement.example.org REDIS_URL=redis://127.0.0.1:6379/0 \
	DATABASE_URL=sqlite:///:memory: \
	DJANGO_SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))") \
	$(MANAGE) check --deploy --fail-level WARNING

# The same suite against real PostgreSQL and Redis servers (CI runs it after `make test`).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/campaign
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
test-servers: install-test
	DATABASE_URL=$(POSTGRES_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest

# Browser tests (tests/browser, not part of `make test`): Playwright drives Debian's Chromium,
# because Playwright's own browser download cannot be fetched here; axe-core checks WCAG 2.2 AA.
# Without Chromium (and not root to install it) the tests skip and say why.
CHROMIUM_PATH ?= /usr/bin/chromium
$(VENV)/.installed-browser: pyproject.toml $(LOCK) $(VENV)/.installed-test
	$(PIP_INSTALL) -e ".[test,browser]"
	touch $@

.PHONY: test-browser
test-browser: $(VENV)/.installed-browser
	@if [ ! -x "$(CHROMIUM_PATH)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium package for the browser tests..."; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
				|| echo "Could not install chromium: the browser tests will skip."; \
		else \
			echo "No Chromium at $(CHROMIUM_PATH): install Debian's 'chromium' package as root" \
				"(or set CHROMIUM_PATH); the browser tests will skip."; \
		fi; \
	fi
	CHROMIUM_PATH=$(CHROMIUM_PATH) $(BIN)/pytest tests/browser

# The journeys on the production configuration (tests/e2e): collectstatic with the hashed
# storage, gunicorn with campaign.settings.production, the task worker and an SMTP server, all
# started by the tests on free ports with a throwaway database and key; Playwright drives
# Debian's Chromium. Screenshots and logs go to var/e2e/. On PostgreSQL and Redis:
#   make test-e2e DATABASE_URL=postgres://postgres@127.0.0.1:5432/campaign REDIS_URL=redis://127.0.0.1:6379/14
DATABASE_URL ?=
REDIS_URL ?=
E2E ?= tests/e2e
.PHONY: test-e2e chromium
chromium:
	@if [ ! -x "$(CHROMIUM_PATH)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium package for the browser tests..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "No Chromium at $(CHROMIUM_PATH): install Debian's 'chromium' package as root" \
				"(or set CHROMIUM_PATH)." >&2; exit 2; \
		fi; \
	fi

test-e2e: $(VENV)/.installed-browser chromium
	DATABASE_URL=$(DATABASE_URL) REDIS_URL=$(REDIS_URL) CHROMIUM_PATH=$(CHROMIUM_PATH) \
		$(BIN)/pytest -p no:django -W ignore::pytest.PytestConfigWarning --confcutdir=tests/e2e \
		$(E2E) $(E2E_ARGS)

# Lighthouse (pinned in bench/lighthouse/package-lock.json, installed with npm) against the
# production stack of test-e2e: /, /join/, /take-action/ and /es/, mobile and desktop presets.
# Fails when Accessibility, Best Practices or SEO is below 100; the table goes to
# docs/performance.md. LIGHTHOUSE_ARGS="--min-performance 95" fails on Performance too.
# package.json overrides two dependencies Lighthouse's trace engine asks for as "latest", which
# `npm ci` would otherwise check against the registry's newest release.
LIGHTHOUSE_DIR := bench/lighthouse
LIGHTHOUSE_ARGS ?=
$(LIGHTHOUSE_DIR)/node_modules/.installed: $(LIGHTHOUSE_DIR)/package.json $(LIGHTHOUSE_DIR)/package-lock.json
	@command -v npm >/dev/null || { echo "make lighthouse needs Node.js 18+ and npm" >&2; exit 2; }
	cd $(LIGHTHOUSE_DIR) && npm ci --no-audit --no-fund --silent
	touch $@

.PHONY: lighthouse
lighthouse: $(VENV)/.installed-browser chromium $(LIGHTHOUSE_DIR)/node_modules/.installed
	CHROME_PATH=$(CHROMIUM_PATH) DATABASE_URL=$(DATABASE_URL) \
		$(BIN)/python $(LIGHTHOUSE_DIR)/run.py $(LIGHTHOUSE_ARGS)

# The "nothing lost" load test of the join form: gunicorn + concurrent submissions on a fresh
# SQLite database (LOAD_ARGS="--database-url postgres://postgres@127.0.0.1:5432/load_join"
# for PostgreSQL, "--kill-workers" to SIGKILL workers during the load, "--redis-url
# redis://127.0.0.1:6379/0 --hang-redis 2:5" for Redis that stops answering 2 s in, for 5 s).
LOAD_ARGS ?=
load-test: install-test
	$(BIN)/python bench/load_join.py $(LOAD_ARGS)

# The performance benchmark (not part of `make test`): gunicorn + wrk at 156, 2,000 and
# 10,000 names, the join form on SQLite and PostgreSQL; the table goes to bench/results.md.
# BENCH_ARGS="--sizes 156 --seconds 5 --join-seconds 10" for a quick run. wrk comes from Debian.
BENCH_ARGS ?=
$(VENV)/.installed-bench: pyproject.toml $(LOCK) $(VENV)/.installed-test
	$(PIP_INSTALL) -e ".[test,bench]"
	touch $@

.PHONY: bench
bench: $(VENV)/.installed-bench
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; \
	  else echo "make bench needs wrk: run 'sudo apt-get install wrk' first" >&2; exit 2; fi; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The signatory admin at 10,000 names, in one process: search, CSV and XLSX export times
# (docs/performance.md). BENCH_ADMIN_ARGS="--total 2000" for a quick run.
BENCH_ADMIN_ARGS ?=
.PHONY: bench-admin
bench-admin: install-test
	$(BIN)/python bench/admin_scale.py $(BENCH_ADMIN_ARGS)

# A big import through the task worker while 50 people join (part of `make bench` too):
# failed joins, join p99, the worker alive, the import's duration, into bench/results.md.
# BENCH_IMPORT_ARGS="--import-rows 1000 --import-clients 10" for a quick run.
BENCH_IMPORT_ARGS ?=
.PHONY: bench-import
bench-import: $(VENV)/.installed-bench
	$(BIN)/python bench/import_runs.py $(BENCH_IMPORT_ARGS)

# Instructions per join under valgrind: the same from run to run, unlike requests/s, so the
# measure to compare two versions of the join path by (a few minutes: callgrind is slow).
.PHONY: bench-instructions
bench-instructions: $(VENV)/.installed-bench
	@command -v valgrind >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq valgrind; \
	  else echo "make bench-instructions needs valgrind: 'sudo apt-get install valgrind'" >&2; exit 2; fi; }
	$(BIN)/python bench/instructions.py $(BENCH_ARGS)

# requirements/lock.txt pins every dependency of the project and all its extras; run after
# changing pyproject.toml. `make audit` checks the pins against OSV, or PyPI's advisories;
# when neither answers, against requirements/advisories.json, which `make audit-refresh`
# gathers from whatever answers (commit it). AUDIT_ARGS=--allow-unreachable lets pins that
# nothing reachable could check pass, loudly.
.PHONY: lock audit audit-refresh
$(VENV)/.installed-audit: pyproject.toml $(LOCK) $(VENV)/.installed
	$(PIP_INSTALL) -e ".[audit]"
	touch $@

lock: $(VENV)/.installed-audit
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --all-extras --strip-extras \
		--allow-unsafe --no-emit-index-url --no-emit-find-links \
		--output-file requirements/lock.txt pyproject.toml

AUDIT_ARGS ?=
audit: $(VENV)/.installed-audit
	$(BIN)/python -m requirements.audit $(AUDIT_ARGS)

audit-refresh: $(VENV)/.installed-audit
	$(BIN)/python -m requirements.audit --refresh

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
