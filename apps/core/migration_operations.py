"""Operations for migrations that move models between apps.

When a model moves to another app, its content type must follow it: permissions, admin
log entries and anything else that points at the content type would otherwise stay with
the old app's label and be lost to the new one (or deleted with a stale content type).
"""

from __future__ import annotations

from django.db import migrations


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
