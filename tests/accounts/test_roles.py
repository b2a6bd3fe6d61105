"""The roles are groups the migrations create, each with exactly its permissions."""

import pytest
from django.contrib.auth.models import Group

from apps.accounts.roles import INVESTIGATOR, PARTNER, REVIEWER, ROLES, VIEWER, role_permissions
from tests.factories import InvestigatorFactory, ReviewerFactory, ViewerFactory

pytestmark = pytest.mark.django_db


def test_the_migrated_groups_hold_exactly_the_roles():
    groups = {group.name: role_permissions(group) for group in Group.objects.all()}
    assert groups == {name: set(perms) for name, perms in ROLES.items()}


def test_each_role_implies_what_it_says():
    investigator = InvestigatorFactory()
    reviewer = ReviewerFactory()
    viewer = ViewerFactory()
    assert investigator.has_perm("cases.add_incident")
    assert investigator.has_perm("cases.change_childgroup")
    assert not investigator.has_perm("cases.publish_incident")
    assert not investigator.has_perm("cases.delete_incident")
    assert not investigator.has_perm("accounts.view_partnerapikey")
    assert reviewer.has_perm("cases.publish_incident")
    assert reviewer.has_perm("cases.verify_incident")
    assert reviewer.has_perm("accounts.add_partnerapikey")
    assert viewer.has_perm("cases.view_incident")
    assert viewer.has_perm("archiving.view_capture")
    # The record of evidence packages built: reviewers and viewers read it.
    assert reviewer.has_perm("evidence.view_evidencepackage")
    assert viewer.has_perm("evidence.view_evidencepackage")
    assert not investigator.has_perm("evidence.view_evidencepackage")
    assert not any(
        perm.split(".")[1].startswith(("add_", "change_", "delete_")) for perm in ROLES[VIEWER]
    )
    assert ROLES[PARTNER] == frozenset()
    # The reviewer does all an investigator does.
    assert ROLES[INVESTIGATOR] < ROLES[REVIEWER]
    assert not any(user.is_superuser for user in (investigator, reviewer, viewer))
