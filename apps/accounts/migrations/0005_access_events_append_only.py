# Sign-in records are permanent (apps.core.append_only; docs/audit.md): the database refuses UPDATE and DELETE.

from django.db import migrations

from apps.core.migration_operations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_history_append_only"),
    ]

    operations = [
        AppendOnly("accessevent"),
    ]
