# The roles as groups (apps.accounts.roles), now with the reviewer's restore permissions
# (a deleted incident, group, citation or source: apps.core.softdelete). A frozen copy:
# a later change to ROLES comes with its own migration.

import importlib

from django.db import migrations

from apps.accounts.roles import apply_roles

ROLES = {
    "investigator": {
        "actors.add_official",
        "actors.add_officialname",
        "actors.add_officialposition",
        "actors.add_organization",
        "actors.change_official",
        "actors.change_officialname",
        "actors.change_officialposition",
        "actors.change_organization",
        "actors.delete_officialname",
        "actors.delete_officialposition",
        "actors.view_official",
        "actors.view_officialname",
        "actors.view_officialposition",
        "actors.view_organization",
        "archiving.view_capture",
        "archiving.view_capturejob",
        "cases.add_childgroup",
        "cases.add_childgrouplink",
        "cases.add_citation",
        "cases.add_incident",
        "cases.add_incidentofficial",
        "cases.add_incidentorganization",
        "cases.change_childgroup",
        "cases.change_childgrouplink",
        "cases.change_citation",
        "cases.change_incident",
        "cases.change_incidentofficial",
        "cases.change_incidentorganization",
        "cases.delete_childgrouplink",
        "cases.delete_incidentofficial",
        "cases.delete_incidentorganization",
        "cases.view_childgroup",
        "cases.view_childgrouplink",
        "cases.view_citation",
        "cases.view_incident",
        "cases.view_incidentofficial",
        "cases.view_incidentorganization",
        "regions.add_region",
        "regions.change_region",
        "regions.view_region",
        "sources.add_source",
        "sources.change_source",
        "sources.view_source",
    },
    "reviewer": {
        "accounts.add_partnerapikey",
        "accounts.change_partnerapikey",
        "accounts.delete_partnerapikey",
        "accounts.view_partnerapikey",
        "actors.add_official",
        "actors.add_officialname",
        "actors.add_officialposition",
        "actors.add_organization",
        "actors.change_official",
        "actors.change_officialname",
        "actors.change_officialposition",
        "actors.change_organization",
        "actors.delete_officialname",
        "actors.delete_officialposition",
        "actors.view_official",
        "actors.view_officialname",
        "actors.view_officialposition",
        "actors.view_organization",
        "archiving.view_capture",
        "archiving.view_capturejob",
        "cases.add_childgroup",
        "cases.add_childgrouplink",
        "cases.add_citation",
        "cases.add_incident",
        "cases.add_incidentofficial",
        "cases.add_incidentorganization",
        "cases.change_childgroup",
        "cases.change_childgrouplink",
        "cases.change_citation",
        "cases.change_incident",
        "cases.change_incidentofficial",
        "cases.change_incidentorganization",
        "cases.delete_childgroup",
        "cases.delete_childgrouplink",
        "cases.delete_citation",
        "cases.delete_incident",
        "cases.delete_incidentofficial",
        "cases.delete_incidentorganization",
        "cases.publish_incident",
        "cases.restore_childgroup",
        "cases.restore_citation",
        "cases.restore_incident",
        "cases.verify_incident",
        "cases.view_childgroup",
        "cases.view_childgrouplink",
        "cases.view_citation",
        "cases.view_incident",
        "cases.view_incidentofficial",
        "cases.view_incidentorganization",
        "regions.add_region",
        "regions.change_region",
        "regions.view_region",
        "sources.add_source",
        "sources.change_source",
        "sources.delete_source",
        "sources.restore_source",
        "sources.view_source",
    },
    "viewer": {
        "actors.view_official",
        "actors.view_officialname",
        "actors.view_officialposition",
        "actors.view_organization",
        "archiving.view_capture",
        "archiving.view_capturejob",
        "cases.view_childgroup",
        "cases.view_childgrouplink",
        "cases.view_citation",
        "cases.view_incident",
        "cases.view_incidentofficial",
        "cases.view_incidentorganization",
        "regions.view_region",
        "sources.view_source",
    },
    "partner": set(),
}


def forwards(apps, schema_editor):
    apply_roles(apps, ROLES)


def backwards(apps, schema_editor):
    # The roles as they were before (cases 0011).
    before = importlib.import_module("apps.cases.migrations.0011_roles").ROLES
    apply_roles(apps, before)


class Migration(migrations.Migration):
    # The restore permissions are those of the soft-delete migrations' models.
    dependencies = [
        ("cases", "0013_soft_delete"),
        ("sources", "0009_source_soft_delete"),
        ("archiving", "0006_capture_soft_delete"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
