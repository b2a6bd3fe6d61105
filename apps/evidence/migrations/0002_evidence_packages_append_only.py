# The record of evidence packages built is permanent (apps.core.append_only; docs/audit.md): the database refuses UPDATE and DELETE.

from django.db import migrations

from apps.core.migration_operations import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_evidence_package"),
    ]

    operations = [
        AppendOnly("evidencepackage"),
    ]
