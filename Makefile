# The two commands a newcomer needs: `make run` and `make test`. `make help` lists the rest.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test` (tests that share a server stay on one: tests/conftest.py).
# PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help run test lint format demo migrate clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

# The virtualenv is rebuilt only when a requirements file changes (the stamp files record that).
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.12, for example).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-runtime

# The HTML validator (vnu-jar) for the browser checks, when npm is available.
NODE_DEPS := $(if $(and $(wildcard package.json),$(shell command -v npm)),node_modules/.package-lock.json)
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

migrate: $(VENV)/.installed-runtime ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load (or refresh) the demo content
	$(MANAGE) load_demo_content

run: demo ## Install, migrate, load the demo content and serve http://127.0.0.1:8000
	@$(MANAGE) create_local_admin
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev $(NODE_DEPS) ## Lint, layers, checks, migration check, the whole suite (browser too)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=mysite.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=mysite.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev ## Report lint, formatting and layer problems
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev ## Fix formatting and the lint problems ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv, the local database and uploaded media
	rm -rf $(VENV) db.sqlite3 media .local-admin
