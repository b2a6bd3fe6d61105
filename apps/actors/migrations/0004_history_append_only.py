# History tables refuse UPDATE and DELETE (apps.core.append_only; docs/audit.md).
# Every migration that writes to these tables comes before this one.

from django.db import migrations

from apps.core.migration_operations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0003_history_origin_and_actor"),
    ]

    operations = [
        AppendOnly("historicalofficial"),
        AppendOnly("historicalofficialname"),
        AppendOnly("historicalofficialposition"),
        AppendOnly("historicalorganization"),
    ]
