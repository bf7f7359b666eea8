# Golden Thread — the two commands are `make run` and `make test`; each installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
WEB := frontend
WEB_STAMP := $(WEB)/node_modules/.installed-stamp
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install web-install web lint typecheck openapi openapi-check pytest \
        web-check web-test e2e chromium bench bench-web clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

$(WEB_STAMP): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	touch $(WEB_STAMP)

web-install: $(WEB_STAMP)

web: web-install ## build the web app into frontend/dist (served by the API at /)
	cd $(WEB) && npm run --silent build

run: install web ## serve the API and the web app with demo data on http://127.0.0.1:8000
	$(BIN)/goldenthread serve

test: install lint typecheck openapi-check pytest web-check web-test e2e ## every check and test

lint: install
	$(BIN)/ruff check backend tests migrations bench examples

typecheck: install
	$(BIN)/mypy

openapi: install web-install ## regenerate openapi/openapi.json and the web app's types from the code
	$(BIN)/goldenthread openapi --output openapi/openapi.json
	cd $(WEB) && npm run --silent gen:api

openapi-check: install
	@$(BIN)/goldenthread openapi | diff -q - openapi/openapi.json >/dev/null \
	  || { echo "openapi/openapi.json is stale: run 'make openapi' and commit it"; exit 1; }

pytest: install
	$(BIN)/python -m pytest

web-check: web-install ## the web app's API types are current and it type-checks
	cd $(WEB) && npm run --silent check:api && npm run --silent typecheck

web-test: web-install ## component tests
	cd $(WEB) && npm test --silent

chromium: ## Debian's Chromium for the end-to-end tests (browser downloads do not work here)
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

e2e: install web chromium ## end-to-end tests in headless Chromium, with axe-core scans
	cd $(WEB) && npm run --silent e2e

bench: install bench-web ## print every benchmark's figures (API, feed, imports, calendar, web app)
	$(BIN)/python bench/bench_api.py
	for script in bench/bench_feed.py bench/bench_import.py bench/bench_cycle.py bench/bench_ipr.py bench/bench_thread.py; do \
	  test ! -f $$script || $(BIN)/python $$script || exit 1; done

bench-web: install web chromium ## print dashboard and register render times for 1,000 indicators
	cd $(WEB) && npm run --silent bench:render

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(WEB)/node_modules $(WEB)/dist
