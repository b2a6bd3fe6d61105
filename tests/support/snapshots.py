"""Reference places and demo data, loaded once per test process and copied into tests.

Loading them through their services takes seconds on every test that needs them
(every row validated, its constraints checked, its history written), and most of the
suite needs them. So each test process loads them once, for real, reads back every row
the load wrote, and rolls the load back. A test that asks for them gets those rows
inserted as they were (timestamps, authors and history included), in a few bulk
statements inside its own transaction. The loaders themselves are still tested from an
empty database (tests/demo, tests/regions).

The load runs with every id counter moved far ahead (SNAPSHOT_IDS), so that rows a
test creates before or after the copy never take the ids of the copied rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.fields import AutoFieldMixin

SNAPSHOT_IDS = 1_000_000_000


@dataclass(frozen=True)
class Snapshot:
    """Rows of each model, in the order models are inserted."""

    tables: tuple[tuple[type[Model], tuple[Model, ...]], ...]

    def restore(self) -> None:
        """Insert the rows as they were. Foreign keys are checked at commit (Django
        creates them deferrable on PostgreSQL and SQLite), so order does not matter."""
        with transaction.atomic():
            for model, rows in self.tables:
                fields = [f for f in model._meta.concrete_fields]
                size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
                for start in range(0, len(rows), size):
                    # raw: every value as read, auto_now timestamps included.
                    model._base_manager._insert(rows[start : start + size], fields, raw=True)
            models = [model for model, _ in self.tables]
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(statement)

    def without(self, other: Snapshot) -> Snapshot:
        """This snapshot less the rows that `other` holds."""
        held = {(model, row.pk) for model, rows in other.tables for row in rows}
        tables = []
        for model, rows in self.tables:
            kept = tuple(row for row in rows if (model, row.pk) not in held)
            if kept:
                tables.append((model, kept))
        return Snapshot(tuple(tables))


def take(load: Callable[[], object]) -> Snapshot:
    """Run `load` in a transaction that is rolled back, and keep what it wrote."""
    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]
    tables = []
    with transaction.atomic():
        before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in models}
        _start_ids_at(models, SNAPSHOT_IDS)
        load()
        for model in models:
            rows = tuple(
                row for row in model._base_manager.order_by("pk") if row.pk not in before[model]
            )
            if rows:
                tables.append((model, rows))
        transaction.set_rollback(True)
    return Snapshot(tuple(tables))


def _start_ids_at(models: list[type[Model]], value: int) -> None:
    """The next row of each model gets an id above `value`. On SQLite the counters are
    rolled back with the load's transaction; on PostgreSQL they stay ahead, which is
    harmless: new rows only get higher ids."""
    with connection.cursor() as cursor:
        for model in models:
            if not isinstance(model._meta.pk, AutoFieldMixin):
                continue
            table = model._meta.db_table
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [connection.ops.quote_name(table), model._meta.pk.column, value],
                )
            elif connection.vendor == "sqlite":
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, value]
                )
