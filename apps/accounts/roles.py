"""The roles people work in, as Django groups with exactly the permissions each implies.

- **investigator**: enters and edits the records (incidents, child groups, citations,
  sources, officials, organizations, places); cannot publish, verify or delete a record.
  Removing a link (an official from an incident, a "same children as" link) is an edit of
  the record it belongs to, kept in history, and allowed.
- **reviewer**: everything an investigator does, and verifies, publishes and withdraws
  incidents, deletes (a soft delete with a reason: evidence is never removed) and
  restores what was deleted, and manages partner keys.
- **viewer**: NGO staff who read and export every record, published or not; no writes.
- **partner**: an account of a partner organization: no model permission, so it sees
  published records only, read only, like a partner API key.

The record of evidence packages built (who took which incidents away, when, with which
manifest hash) is read by reviewers, who oversee what leaves the installation, and by
viewers, who read everything; investigators build packages but do not read the list
of everyone's. Building one is not a permission of its own: whoever may view captures
may (apps.archiving.views.downloads_captures; docs/evidence.md).

Superusers administer the installation and are not the daily role.

The groups are created by migrations (`cases 0011_roles`, `cases 0014_roles_restore`,
`cases 0018_roles_evidence_packages`),
each of which applies a frozen copy of this mapping with `apply_roles`;
`tests/accounts/test_roles.py` checks that the migrated database holds exactly `ROLES`.
Changing a role means changing `ROLES` and adding a migration that applies the new copy.
"""

from __future__ import annotations

INVESTIGATOR = "investigator"
REVIEWER = "reviewer"
VIEWER = "viewer"
PARTNER = "partner"

# What each role may do with each model: "app_label.model": actions.
_RECORDS = (
    "regions.region",
    "actors.official",
    "actors.officialname",
    "actors.officialposition",
    "actors.organization",
    "sources.source",
    "cases.incident",
    "cases.childgroup",
    "cases.childgrouplink",
    "cases.citation",
    "cases.incidentofficial",
    "cases.incidentorganization",
)
_ARCHIVE = ("archiving.capture", "archiving.capturejob")
# Rows that are part of another record: removing one is an edit of that record.
_LINK_ROWS = (
    "actors.officialname",
    "actors.officialposition",
    "cases.childgrouplink",
    "cases.incidentofficial",
    "cases.incidentorganization",
)
# Evidence: deleting it is a reviewer's soft delete (apps.core.softdelete), which a
# reviewer can undo (`restore_*`; a source's captures go and come back with it).
_EVIDENCE = ("cases.incident", "cases.childgroup", "cases.citation", "sources.source")


def _perms(models, actions) -> set[str]:
    return {
        f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
        for label in models
        for action in actions
    }


# The record of evidence packages built (read only for everyone: written once).
_PACKAGE_RECORDS = _perms(("evidence.evidencepackage",), ("view",))

_INVESTIGATOR = (
    _perms(_RECORDS, ("add", "change", "view"))
    | _perms(_LINK_ROWS, ("delete",))
    | _perms(_ARCHIVE, ("view",))
)

ROLES: dict[str, frozenset[str]] = {
    INVESTIGATOR: frozenset(_INVESTIGATOR),
    REVIEWER: frozenset(
        _INVESTIGATOR
        | _perms(_EVIDENCE, ("delete", "restore"))
        | {"cases.publish_incident", "cases.verify_incident"}
        | _perms(("accounts.partnerapikey",), ("add", "change", "view", "delete"))
        | _PACKAGE_RECORDS
    ),
    VIEWER: frozenset(_perms(_RECORDS + _ARCHIVE, ("view",)) | _PACKAGE_RECORDS),
    PARTNER: frozenset(),
}


def apply_roles(apps, roles: dict[str, frozenset[str]] | dict[str, set[str]]) -> None:
    """Make each role's group hold exactly its permissions (for migrations: `apps` is the
    migration state's registry). Creates the permissions not created yet, so that it can
    run before the post-migrate signal that normally creates them."""
    from django.apps import apps as installed_apps
    from django.contrib.auth.management import create_permissions

    # The installed apps say which apps have models; `apps` gives their models as the
    # migration state has them.
    for app_config in installed_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        found = []
        for perm in sorted(wanted):
            app_label, codename = perm.split(".", 1)
            found.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(found)


def role_permissions(group) -> set[str]:
    """The permissions a group holds, as "app_label.codename" strings."""
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
