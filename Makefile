# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run    set up (venv, install, migrate, reference + demo data, admin login)
#               and run the web server and a Celery worker
#   make test   run the whole test suite
# DATABASE_URL and CELERY_BROKER_URL switch from the embedded default (SQLite and
# Celery's filesystem broker) to PostgreSQL and Redis.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto

.PHONY: run setup install test lint format migrations lock clean backup restore bench-api bench-archive

$(BIN)/.installed: pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	@touch $@

install: $(BIN)/.installed

setup: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_regions
	$(BIN)/python manage.py load_demo

run: setup
	@# From a terminal, the servers get a process group of their own and the terminal's
	@# Ctrl-C: they stop, and make, never interrupted itself, ends with their exit 0.
	@if [ -t 0 ]; then set -m; fi; BIN=$(BIN) HOST=$(HOST) PORT=$(PORT) scripts/run-local.sh; status=$$?; exit $$status

test: install
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure here" >&2; exit 1; fi; \
	exit $$status

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations: install
	$(BIN)/python manage.py makemigrations accounts regions actors sources archiving cases

# Back up the database and the capture files (docs/operations.md): a dated directory
# under var/backups, or BACKUP_DIR. Restore one: make restore BACKUP=var/backups/childtrace-backup-...
BACKUP_DIR ?= var/backups
backup: install
	$(BIN)/python manage.py backup --output $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "name the backup directory: make restore BACKUP=path" >&2; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP) $(RESTORE_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# Regenerate the pinned versions after changing dependencies in pyproject.toml.
# constraints.txt pins every extra (development and CI install psycopg-binary from it);
# production.txt, the image's set, is its runtime part with psycopg-c (built in the image
# against Debian's libpq; see the Dockerfile), at the same versions.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra dev --extra s3 --extra c pyproject.toml -o requirements/constraints.txt
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra c -c requirements/constraints.txt pyproject.toml -o requirements/production.txt

# Benchmarks (PostgreSQL; only loopback traffic). Results go into docs/benchmarks.md.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/childtrace_bench
bench-api: install
	$(BIN)/python -m benchmarks.api --database-url $(BENCH_DATABASE_URL) $(BENCH_ARGS)

# Capture throughput of the real workers (2 processes, Redis) beside wget --warc-file.
BENCH_ARCHIVE_DB ?= postgres://postgres@127.0.0.1:5432/childtrace_bench_archive
bench-archive: install
	BENCH_ARCHIVE_DB=$(BENCH_ARCHIVE_DB) $(BIN)/python -m benchmarks.archive $(BENCH_ARGS)
