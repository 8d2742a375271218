# The directory's everyday commands. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 5000

.DEFAULT_GOAL := help
.PHONY: help run setup test lint format bench screenshots test-postgres clean

help: ## List every target with what it does
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv, upgrade the database, load demo data, build the index
	$(BIN)/directory setup

run: setup ## Set everything up and serve the directory on http://127.0.0.1:$(PORT)
	@# Plain HTTP on this machine, so cookies cannot be Secure-only here; behind TLS
	@# (production) leave DIRECTORY_SECURE_COOKIES unset: Secure is the default.
	DIRECTORY_SECURE_COOKIES=$${DIRECTORY_SECURE_COOKIES:-false} PORT=$(PORT) $(BIN)/directory serve

test: $(STAMP) ## Set up, then run ruff, mypy and the whole pytest suite
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

test-postgres: $(STAMP) ## Run the store tests again on PostgreSQL (DIRECTORY_TEST_DATABASE_URL)
	DIRECTORY_TEST_DATABASE_URL=$${DIRECTORY_TEST_DATABASE_URL:-postgresql://127.0.0.1:5432/test} \
	  $(BIN)/pytest -m postgres --no-cov -p no:cacheprovider

lint: $(STAMP) ## Check formatting, lint rules and types
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

format: $(STAMP) ## Format the code and apply safe lint fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) ## Run the benchmarks under bench/ and print their figures
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python bench/run_all.py

screenshots: $(STAMP) ## Save screenshots of the residents' pages to docs/screenshots (Chromium)
	$(BIN)/python scripts/screenshots.py

clean: ## Remove the virtualenv, caches and the local instance (data!)
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache .coverage
