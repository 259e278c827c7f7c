# The two commands: `make run` (the site with demo data) and `make test` (lint and the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check

.PHONY: run test lint format audit bench bench-smoke bench-fetch bench-webhooks bench-matching score-metadata clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	scripts/run_local.sh

test: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# Fetch benchmark: 1,000 sources against local servers answering after 200 ms (see README.md).
bench-fetch: $(VENV)/.runtime
	$(PY) scripts/bench_fetch.py
# Webhook benchmark: deliveries per second to a local receiver answering after 200 ms, beside a
# dead one (see README.md).
bench-webhooks: $(VENV)/.runtime
	$(PY) scripts/bench_webhooks.py
# PDQ lookups per second at 100,000 stored hashes on PostgreSQL (DATABASE_URL; see README.md).
bench-matching: $(VENV)/.runtime
	$(PY) scripts/bench_matching.py
# How much of what the saved pages state about themselves the extractor reads (see README.md).
score-metadata: $(VENV)/.runtime
	$(PY) scripts/score_metadata.py

# Known vulnerabilities in every installed package (PyPI's advisory data). PIP_AUDIT_FLAGS=--strict
# also fails when a package cannot be looked up (needs pypi.org's per-release JSON API).
audit: $(VENV)/.dev
	$(VENV)/bin/pip-audit --progress-spinner off $(PIP_AUDIT_FLAGS)

# Load benchmark on PostgreSQL and Redis (DATABASE_URL, REDIS_URL): see README.md.
RUMORS ?= 100000
bench: $(VENV)/.dev
	$(PY) scripts/bench.py --rumors $(RUMORS)

bench-smoke: $(VENV)/.dev
	$(PY) scripts/bench.py --rumors 2000 --duration 3 --warmup 1 --deep-pages 20

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var
