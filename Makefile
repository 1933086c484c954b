# giamngheo — two commands do all setup: `make run` and `make test`.
PYTHON ?= python
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
RUN_ENV := DEBUG=1
VAR_DIR := $(or $(GIAMNGHEO_VAR_DIR),var)
# pytest-xdist workers: one per core (`make test PYTEST_WORKERS=0` runs in one process).
PYTEST_WORKERS ?= auto

.PHONY: install run serve serve-app setup-db test test-postgres lint typecheck check-migrations messages bench bench-import bench-partition clean

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
	$(RUN_ENV) $(MANAGE) load_demo_reviews
	$(RUN_ENV) $(MANAGE) load_demo_reporting
	$(RUN_ENV) $(MANAGE) load_support_catalogue
	$(RUN_ENV) $(MANAGE) load_demo_support
	$(RUN_ENV) $(MANAGE) load_demo_jobs
	$(RUN_ENV) $(MANAGE) load_demo_activities
	$(RUN_ENV) $(MANAGE) load_demo_works

run: setup-db
	@echo "giamngheo: http://127.0.0.1:8000  (tài khoản mẫu trong README.md)"
	@trap 'kill 0' INT TERM EXIT; \
	$(RUN_ENV) $(MANAGE) db_worker --interval 1 --no-startup-delay & \
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

## The app as in production on the database `make run` built: DEBUG off, gunicorn workers, static files
## collected, the task worker beside it; a secret key generated once under var/ when SECRET_KEY is not set.
serve: setup-db
	@$(MAKE) --no-print-directory serve-app

## `make serve` without building the database first (CI builds a small one and checks the pages).
serve-app: install
	@mkdir -p $(VAR_DIR)
	@test -n "$$SECRET_KEY" || test -s $(VAR_DIR)/secret_key || \
	  (umask 077; $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $(VAR_DIR)/secret_key)
	@set -e; export SECRET_KEY="$${SECRET_KEY:-$$(cat $(VAR_DIR)/secret_key)}" DEBUG=0 SECURE_HTTPS=$${SECURE_HTTPS:-0}; \
	$(MANAGE) collectstatic --noinput -v0; \
	$(MANAGE) prune_stale; \
	echo "giamngheo (production mode): http://127.0.0.1:8000"; \
	trap 'kill 0' INT TERM EXIT; \
	$(MANAGE) db_worker --interval 1 & \
	$(BIN)/gunicorn config.wsgi:application -c config/gunicorn_settings.py

## The whole test suite on SQLite (browser tests skip with a message where Chromium is absent).
test: install
	$(BIN)/pytest -q -n $(PYTEST_WORKERS)

## The whole test suite on the local PostgreSQL.
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/giamngheo} $(BIN)/pytest -q -n $(PYTEST_WORKERS)

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

## One national PostgreSQL at 10M households: tables partitioned by province against one table (~16 GB, dropped after).
bench-partition: install
	$(BIN)/python -m bench.partition_bench --households 10000000 --database-url $${DATABASE_SERVER:-postgres://postgres@127.0.0.1:5432}

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
