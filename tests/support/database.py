"""One migrated test database per run, copied for each xdist worker.

Migrating an empty database takes most of a minute of CPU (Django renders the model
states of every migration), and pytest-django does it once per worker: with two
workers per suite and both suites side by side in CI, four times over two cores before
the first test. Here the first worker to get the lock migrates a template database once;
every worker then gets a copy of it (`CREATE DATABASE … TEMPLATE` on PostgreSQL, a file
copy on SQLite: Django's own cloning for its parallel test runner), triggers, grants and
the roles' groups included. The controller process drops the template at the end.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path

from django.db import connections
from django.test.utils import setup_databases

TEMPLATE_SUFFIX = "template"


@contextmanager
def _locked(path: Path):
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _test_name(connection) -> str:
    """The name of the worker's test database as pytest-django set it (`…_gw0`)."""
    return connection.creation._get_test_db_name()


def _template_name(worker_name: str, worker_id: str) -> str:
    if worker_name.endswith(f"_{worker_id}"):
        return worker_name[: -len(worker_id)] + TEMPLATE_SUFFIX
    root, ext = os.path.splitext(worker_name)  # SQLite: test_gw0.sqlite3
    return root.removesuffix(f"_{worker_id}") + f"_{TEMPLATE_SUFFIX}{ext}"


def setup_from_template(shared: Path, worker_id: str, verbosity: int) -> list:
    """Make sure the template exists (migrating it if this worker is first), then give
    this worker a copy of it under the name pytest-django chose for the worker.
    Returns Django's `old_config`, for `teardown_databases`."""
    connection = connections["default"]
    original_name = connection.settings_dict["NAME"]
    worker_name = _test_name(connection)
    template = _template_name(worker_name, worker_id)
    record = shared / "test-database-template.json"
    with _locked(shared / "test-database-template.lock"):
        if not record.exists():
            connection.settings_dict["TEST"]["NAME"] = template
            setup_databases(verbosity=verbosity, interactive=False, aliases={"default"})
            connection.close()
            record.write_text(json.dumps({"vendor": connection.vendor, "name": template}))
        # Clone from the template, as Django's runner clones for its parallel workers.
        connection.settings_dict["NAME"] = template
        connection.settings_dict["TEST"]["NAME"] = template
        connection.creation.clone_test_db(suffix=worker_id, verbosity=verbosity, keepdb=False)
        clone = connection.creation.get_test_db_clone_settings(worker_id)["NAME"]
        connection.close()
    connection.settings_dict["NAME"] = clone
    connection.settings_dict["TEST"]["NAME"] = clone
    return [(connection, original_name, True)]


def drop_template(shared: Path) -> None:
    """In the controller, after every worker has ended: drop the template."""
    record = shared / "test-database-template.json"
    if not record.exists():
        return
    described = json.loads(record.read_text())
    connection = connections["default"]
    if described["vendor"] == "sqlite":
        Path(described["name"]).unlink(missing_ok=True)
    else:
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{described["name"]}" WITH (FORCE)')
    record.unlink()
