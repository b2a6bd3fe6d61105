# History tables refuse UPDATE and DELETE (apps.core.append_only; docs/audit.md).
# Every migration that writes to these tables comes before this one.

from django.db import migrations

from apps.core.migration_operations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_history_origin_and_actor"),
    ]

    operations = [
        AppendOnly("historicalchildgroup"),
        AppendOnly("historicalchildgroup_destination_regions"),
        AppendOnly("historicalchildgroup_origin_regions"),
        AppendOnly("historicalchildgrouplink"),
        AppendOnly("historicalcitation"),
        AppendOnly("historicalincident"),
        AppendOnly("historicalincident_destination_regions"),
        AppendOnly("historicalincident_origin_regions"),
        AppendOnly("historicalincidentofficial"),
        AppendOnly("historicalincidentorganization"),
    ]
