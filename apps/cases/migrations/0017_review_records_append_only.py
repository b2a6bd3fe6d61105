# Review steps and the tombstones partners read are permanent (apps.core.append_only; docs/audit.md): the database refuses UPDATE and DELETE.

from django.db import migrations

from apps.core.migration_operations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_history_append_only"),
    ]

    operations = [
        AppendOnly("publicationstep"),
        AppendOnly("tombstone"),
    ]
