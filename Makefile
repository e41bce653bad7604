# Kolega: `make run` to try it, `make test` to check it. `make help` lists every target.
# GNU make. Everything runs from the project's own virtualenv in .venv/, which `install` creates.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# The interpreter that creates .venv (Kolega needs Python 3.11).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# Touched after a successful install, so a second `make install` is a no-op until the pins change.
STAMP := $(VENV)/.installed-dev

HOST ?= 127.0.0.1
PORT ?= 8000
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-x tests/core"`.
PYTEST_ARGS ?=
# Where `make lock` writes the pins.
LOCK_DIR ?= requirements
LOCK_VENV := .lock-venv

.PHONY: help install messages migrate seed run test worker beat lint format lock clean distclean

help: ## List the targets
	@echo "Kolega: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "} {printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}'
	@echo
	@echo "Unset DATABASE_URL / REDIS_URL: SQLite + in-memory layers. Set: PostgreSQL + Redis."

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
		|| { echo "Kolega needs Python 3.11; run with PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements/base.txt requirements/dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	@touch $@

install: $(STAMP) ## Create .venv (Python 3.11) and install the pinned requirements
	@:

# compilemessages only reads LOCALE_PATHS; the placeholder key spares it production settings.
# The compiled catalogues are files with their sources as prerequisites: compiled once, and
# two `make test` runs side by side (CI) never write them at the same time.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

messages: $(MO_FILES) ## Compile translations (locale/*/LC_MESSAGES/django.po -> .mo)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(STAMP)
	SECRET_KEY="$${SECRET_KEY:-compilemessages-placeholder}" \
		$(PY) manage.py compilemessages --locale $* --ignore=$(VENV) --ignore=$(LOCK_VENV) --verbosity 0

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: install ## Create the demo company, only when the database has no users yet
	$(PY) manage.py seed_demo --if-empty

# `run` is the development server: DEBUG on (for it and the steps before it) and static files
# straight from the source folders through whitenoise's finders, so no collectstatic.
run: export DEBUG := 1
run: install messages migrate seed ## Serve HTTP + WebSocket on http://127.0.0.1:8000 (uvicorn)
	@echo "Kolega on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	$(BIN)/uvicorn esn.asgi:application --host $(HOST) --port $(PORT)

# DATABASE_URL / REDIS_URL pass through from the environment: set them to test on
# PostgreSQL + Redis, leave them unset for SQLite + in-memory layers.
test: install messages ## Migrations check, ruff, then the whole pytest suite
	$(PY) manage.py makemigrations --check --dry-run --settings=esn.test_settings
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

worker: install ## Start a Celery worker (needs REDIS_URL)
	@[ -n "$${REDIS_URL:-}" ] || echo "Note: REDIS_URL is unset, so tasks run in-process and a worker has nothing to do." >&2
	$(BIN)/celery -A esn worker -l info

beat: install ## Start Celery beat, the periodic task scheduler (needs REDIS_URL)
	@[ -n "$${REDIS_URL:-}" ] || echo "Note: REDIS_URL is unset, so beat has no broker to send to." >&2
	$(BIN)/celery -A esn beat -l info

lint: install ## Check style: ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Resolves the ranges in pyproject.toml in a throw-away virtualenv and freezes the result.
lock: ## Regenerate the exact pins in requirements/ from pyproject.toml
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"]))' > $(LOCK_VENV)/base.in
	$(LOCK_VENV)/bin/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["optional-dependencies"]["dev"]))' > $(LOCK_VENV)/dev.in
	$(LOCK_VENV)/bin/python -m pip install --quiet -r $(LOCK_VENV)/base.in
	$(LOCK_VENV)/bin/python -m pip freeze > $(LOCK_VENV)/base.txt
	$(LOCK_VENV)/bin/python -m pip install --quiet -r $(LOCK_VENV)/dev.in
	$(LOCK_VENV)/bin/python -m pip freeze | grep -vxFf $(LOCK_VENV)/base.txt > $(LOCK_VENV)/dev.txt
	mkdir -p $(LOCK_DIR)
	{ echo "# Exact pins of every package Kolega runs with (what \`make install\` installs)."; \
	  echo "# Declared ranges live in pyproject.toml; refresh these with \`make lock\`."; \
	  cat $(LOCK_VENV)/base.txt; } > $(LOCK_DIR)/base.txt
	{ echo "# Exact pins for development and tests, on top of base.txt."; \
	  echo "-r base.txt"; cat $(LOCK_VENV)/dev.txt; } > $(LOCK_DIR)/dev.txt
	rm -rf $(LOCK_VENV)
	@echo "Pins written to $(LOCK_DIR)/base.txt and $(LOCK_DIR)/dev.txt"

clean: ## Remove caches and build output (keeps .venv, the database and media/)
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache staticfiles test-artifacts $(LOCK_VENV)
	find locale -name '*.mo' -delete 2>/dev/null || true

distclean: clean ## Also remove .venv (the next target reinstalls it)
	rm -rf $(VENV)
