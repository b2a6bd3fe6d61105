"""History tables, and the tables of records written once (`apps.core.models.WrittenOnce`),
are append-only, enforced by the database: triggers refuse UPDATE and DELETE on them
(INSERT is how they grow), on PostgreSQL and on SQLite.

The triggers are installed by migrations (`AppendOnly` in
`apps.core.migration_operations`, one per table). `append_only_models` is the one list
of these tables; `tables_without_trigger` lists those that lack their triggers, and a
test runs it on the migrated test database, so a new history table or written-once
model without its operation fails the suite (docs/audit.md).

SQLite rebuilds a table to alter most columns, and the rebuilt table has no triggers: a
migration that alters a history table on SQLite must be followed by `AppendOnly` for it
again (the operation is idempotent); the same test finds the omission.

Test databases are emptied between transactional tests: PostgreSQL's TRUNCATE fires no
row trigger; SQLite's flush DELETEs, which the DELETE trigger allows only while
`history_flush_allowed()` is on in this process: only the test suite's flush turns it
on (tests/conftest.py). It is a guard against the application's own mistakes, not
against whoever holds the SQLite file: only PostgreSQL, with an application role that
does not own the history tables, makes the history safe from the application's
database account itself (deploy/postgres/).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.db.models import Model

FUNCTION = "childtrace_history_append_only"
SQLITE_FLUSH_FUNCTION = "childtrace_history_flush"
MESSAGE = "history is append-only"

_flush_allowed = contextvars.ContextVar("history_flush_allowed", default=False)


@contextlib.contextmanager
def history_flush_allowed() -> Iterator[None]:
    """SQLite: let DELETE through on history tables, for the test suite's flush only."""
    token = _flush_allowed.set(True)
    try:
        yield
    finally:
        _flush_allowed.reset(token)


def _sqlite_flush_allowed() -> int:
    return 1 if _flush_allowed.get() else 0


def install_sqlite_function(sender, connection, **kwargs) -> None:
    """Each new SQLite connection: the function the history DELETE triggers consult.
    A connection without it (the sqlite3 shell) cannot delete history either: the
    trigger fails on the unknown function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FLUSH_FUNCTION, 0, _sqlite_flush_allowed, deterministic=False
        )


def trigger_name(table: str, what: str = "") -> str:
    return f"{table}_append_only{what}"[:63]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def install_sql(vendor: str, table: str) -> list[str]:
    """Statements that make `table` append-only (idempotent)."""
    if vendor == "postgresql":
        return [
            f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = '{MESSAGE}: ' || TG_OP || ' on ' || TG_TABLE_NAME || ' refused',
        HINT = 'History rows are evidence: record a correction as a new change.',
        ERRCODE = 'restrict_violation';
END
$$""",
            f"DROP TRIGGER IF EXISTS {_quote(trigger_name(table))} ON {_quote(table)}",
            f"CREATE TRIGGER {_quote(trigger_name(table))} BEFORE UPDATE OR DELETE "
            f"ON {_quote(table)} FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
        ]
    if vendor == "sqlite":
        update, delete = trigger_name(table, "_update"), trigger_name(table, "_delete")
        return [
            f"DROP TRIGGER IF EXISTS {_quote(update)}",
            f"CREATE TRIGGER {_quote(update)} BEFORE UPDATE ON {_quote(table)} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE on {table} refused'); END",
            f"DROP TRIGGER IF EXISTS {_quote(delete)}",
            f"CREATE TRIGGER {_quote(delete)} BEFORE DELETE ON {_quote(table)} "
            f"WHEN NOT {SQLITE_FLUSH_FUNCTION}() "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE on {table} refused'); END",
        ]
    raise NotImplementedError(f"append-only history is not implemented for {vendor}")


def remove_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {_quote(trigger_name(table))} ON {_quote(table)}"]
    return [
        f"DROP TRIGGER IF EXISTS {_quote(trigger_name(table, '_update'))}",
        f"DROP TRIGGER IF EXISTS {_quote(trigger_name(table, '_delete'))}",
    ]


def _has_trigger(cursor, vendor: str, table: str) -> bool:
    if vendor == "postgresql":
        cursor.execute(
            "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE c.relname = %s AND p.proname = %s AND t.tgenabled <> 'D'",
            [table, FUNCTION],
        )
        return cursor.fetchone()[0] >= 1
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
    )
    names = {row[0] for row in cursor.fetchall()}
    return {trigger_name(table, "_update"), trigger_name(table, "_delete")} <= names


def append_only_models() -> list[type[Model]]:
    """Every model whose table is append-only: the history models, and the records
    written once (`apps.core.models.WrittenOnce`: review steps, tombstones, sign-in
    events, evidence packages built). The one list behind the triggers' test and the
    application role's grants."""
    from django.apps import apps

    from apps.core.history import history_models
    from apps.core.models import WrittenOnce

    written_once = [model for model in apps.get_models() if issubclass(model, WrittenOnce)]
    return [*history_models(), *written_once]


def append_only_tables() -> set[str]:
    return {model._meta.db_table for model in append_only_models()}


def tables_without_trigger(connection) -> list[str]:
    """Append-only tables of the project (that exist) whose trigger is missing."""
    existing = set(connection.introspection.table_names())
    missing = []
    with connection.cursor() as cursor:
        for table in sorted(append_only_tables() & existing):
            if not _has_trigger(cursor, connection.vendor, table):
                missing.append(table)
    return missing


def grant_app_role(connection, role: str) -> None:
    """PostgreSQL: give the application's database role what it needs, and on
    append-only tables (history, records written once) no more than reading and adding
    rows, so that it could not change them even without their triggers. Run after every
    `migrate` by the role that owns the tables (`DATABASE_APP_ROLE`; deploy/postgres/,
    docs/audit.md), so tables added later are covered too."""
    if connection.vendor != "postgresql" or not role:
        return
    quoted = connection.ops.quote_name(role)
    append_only = append_only_tables()
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
        for table in connection.introspection.table_names(cursor):
            name = connection.ops.quote_name(table)
            if table in append_only:
                cursor.execute(f"REVOKE ALL ON {name} FROM {quoted}")
                cursor.execute(f"GRANT SELECT, INSERT ON {name} TO {quoted}")
            else:
                cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {quoted}")


def grant_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate is sent once per app: the grants are made once, after core's."""
    if sender.name != "apps.core":
        return
    from django.conf import settings
    from django.db import connections

    grant_app_role(connections[using], getattr(settings, "DATABASE_APP_ROLE", ""))
