# Golden Thread — the two commands are `make run` and `make test`; each installs what it needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install lint typecheck openapi openapi-check pytest bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install ## serve the API with demo data on http://127.0.0.1:8000
	$(BIN)/goldenthread serve

test: install lint typecheck openapi-check pytest ## every check and test

lint: install
	$(BIN)/ruff check backend tests migrations bench

typecheck: install
	$(BIN)/mypy

openapi: install ## regenerate openapi/openapi.json from the code
	$(BIN)/goldenthread openapi --output openapi/openapi.json

openapi-check: install
	@$(BIN)/goldenthread openapi | diff -q - openapi/openapi.json >/dev/null \
	  || { echo "openapi/openapi.json is stale: run 'make openapi' and commit it"; exit 1; }

pytest: install
	$(BIN)/python -m pytest

bench: install ## print request rates and latencies (SQLite and PostgreSQL)
	$(BIN)/python bench/bench_api.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
