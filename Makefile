# giamngheo — two commands do all setup: `make run` and `make test`.
PYTHON ?= python
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
RUN_ENV := DEBUG=1

.PHONY: install run serve setup-db test test-postgres lint typecheck check-migrations messages bench bench-import clean

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

## Build the SQLite database with administrative units and demo data (idempotent), then serve on :8000.
setup-db: install
	@mkdir -p var
	$(RUN_ENV) $(MANAGE) migrate --noinput -v0
	$(RUN_ENV) $(MANAGE) load_admin_units
	$(RUN_ENV) $(MANAGE) load_demo
	$(RUN_ENV) $(MANAGE) load_demo_registry
	$(RUN_ENV) $(MANAGE) load_demo_plans
	$(RUN_ENV) $(MANAGE) load_support_catalogue
	$(RUN_ENV) $(MANAGE) load_demo_support

run: setup-db
	@echo "giamngheo: http://127.0.0.1:8000  (tài khoản mẫu trong README.md)"
	@trap 'kill 0' INT TERM EXIT; \
	$(RUN_ENV) $(MANAGE) db_worker --interval 1 --no-startup-delay & \
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

## The whole test suite on SQLite (browser tests skip with a message where Chromium is absent).
test: install
	$(BIN)/pytest -q

## The whole test suite on the local PostgreSQL.
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/giamngheo} $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy giamngheo config

check-migrations: install
	$(RUN_ENV) $(MANAGE) makemigrations --check --dry-run

## Recompile the gettext catalogs after editing locale/*/LC_MESSAGES/django.po.
messages: install
	$(RUN_ENV) $(MANAGE) makemessages -l en --no-obsolete -i ".venv/*" -i "var/*"
	$(RUN_ENV) $(MANAGE) compilemessages -i ".venv" -i "var"

bench: install
	$(BIN)/python -m bench.standards_bench

## Import of 100,000 households into a fresh PostgreSQL database against a plain COPY (DATABASE_SERVER to change).
bench-import: install
	$(BIN)/python -m bench.import_bench --households 100000 --database-url $${DATABASE_SERVER:-postgres://postgres@127.0.0.1:5432}

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
