# The roles as groups (apps.accounts.roles), now with reading the record of evidence
# packages built for reviewers and viewers. A frozen copy: 0014's roles (themselves
# frozen) and what this migration adds; a later change to ROLES comes with its own
# migration.

import importlib

from django.db import migrations

from apps.accounts.roles import apply_roles

BEFORE = importlib.import_module("apps.cases.migrations.0014_roles_restore").ROLES
ADDED = {
    "reviewer": {"evidence.view_evidencepackage"},
    "viewer": {"evidence.view_evidencepackage"},
}
ROLES = {name: perms | ADDED.get(name, set()) for name, perms in BEFORE.items()}


def forwards(apps, schema_editor):
    apply_roles(apps, ROLES)


def backwards(apps, schema_editor):
    apply_roles(apps, BEFORE)


class Migration(migrations.Migration):
    # The permission is that of the evidence package model.
    dependencies = [
        ("cases", "0017_review_records_append_only"),
        ("evidence", "0002_evidence_packages_append_only"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
