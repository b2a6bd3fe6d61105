"""Operations for migrations: history tables made append-only, and models that move
between apps.

When a model moves to another app, its content type must follow it: permissions, admin
log entries and anything else that points at the content type would otherwise stay with
the old app's label and be lost to the new one (or deleted with a stale content type).
"""

from __future__ import annotations

from django.db import migrations
from django.db.migrations.operations.base import Operation

from apps.core import append_only


class AppendOnly(Operation):
    """Make a history table append-only: database triggers refuse UPDATE and DELETE on
    it (apps.core.append_only). Give the history model's name, as migrations know it
    (`historicalincident`, `historicalincident_origin_regions`). Idempotent, so it may
    be applied again after a migration that rebuilt the table (SQLite); reversed, it
    removes the triggers."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def deconstruct(self):
        return (self.__class__.__name__, [self.model_name], {})

    def state_forwards(self, app_label, state) -> None:
        pass

    def _run(self, app_label, schema_editor, state, statements) -> None:
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        for sql in statements(schema_editor.connection.vendor, model._meta.db_table):
            # No parameters: the PostgreSQL function's body is not a query template.
            schema_editor.execute(sql, params=None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        self._run(app_label, schema_editor, to_state, append_only.install_sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        self._run(app_label, schema_editor, from_state, append_only.remove_sql)

    def describe(self) -> str:
        return f"Make the history table of {self.model_name} append-only"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name}_append_only"


def move_content_types(models: list[str], from_app: str, to_app: str) -> migrations.RunPython:
    """A reversible operation that gives `models`' content types to `to_app`.

    If `to_app` already has one (the new code served a request before the migration
    ran, and Django created it), the old one is merged into it: its permissions (with
    who holds them) and log entries move over, and the old content type goes.
    """

    def forwards(apps, schema_editor):
        _move(apps, schema_editor.connection.alias, models, from_app, to_app)

    def backwards(apps, schema_editor):
        _move(apps, schema_editor.connection.alias, models, to_app, from_app)

    return migrations.RunPython(forwards, backwards)


def _move(apps, db: str, models: list[str], from_app: str, to_app: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    for model in models:
        old = ContentType.objects.using(db).filter(app_label=from_app, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.using(db).filter(app_label=to_app, model=model).first()
        if new is None:
            old.app_label = to_app
            old.save(update_fields=["app_label"])
            continue
        for permission in Permission.objects.using(db).filter(content_type=old):
            twin = (
                Permission.objects.using(db)
                .filter(content_type=new, codename=permission.codename)
                .first()
            )
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            for group in permission.group_set.all():
                group.permissions.add(twin)
            for user in permission.user_set.all():
                user.user_permissions.add(twin)
            permission.delete()
        LogEntry.objects.using(db).filter(content_type=old).update(content_type=new)
        old.delete()
