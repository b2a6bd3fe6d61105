# History tables refuse UPDATE and DELETE (apps.core.append_only; docs/audit.md).
# Every migration that writes to these tables comes before this one.

from django.db import migrations

from apps.core.migration_operations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_group_and_key_history"),
    ]

    operations = [
        AppendOnly("historicalgroup"),
        AppendOnly("historicalgroup_permissions"),
        AppendOnly("historicalpartnerapikey"),
        AppendOnly("historicaluser"),
        AppendOnly("historicaluser_groups"),
        AppendOnly("historicaluser_user_permissions"),
    ]
