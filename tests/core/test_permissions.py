"""The permission policy: a part's write needs the change permission on its whole; a
partner key and an inactive account may do nothing; the API follows it."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from apps.cases.models import ChildGroup, Citation, Incident
from apps.core.permissions import ADD, CHANGE, VIEW, may
from tests.factories import ChildGroupFactory, IncidentFactory, InvestigatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def _user_with(*perms: str):
    user = UserFactory(username="custom")
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return type(user).objects.get(pk=user.pk)  # no stale permission cache


GROUP_WRITER = ("cases.view_incident", "cases.add_childgroup", "cases.change_childgroup")


def test_writing_a_group_needs_the_change_permission_on_its_incident():
    without = _user_with(*GROUP_WRITER)
    assert not may(without, ADD, ChildGroup) and not may(without, CHANGE, ChildGroup)
    assert may(without, VIEW, ChildGroup)  # change implies view, as in the admin
    with_whole = _user_with(*GROUP_WRITER, "cases.change_incident")
    assert may(with_whole, ADD, ChildGroup) and may(with_whole, CHANGE, ChildGroup)
    assert not may(with_whole, ADD, Citation)  # its own permission is still needed


def test_the_api_refuses_a_group_write_without_change_on_the_incident_and_keeps_the_group():
    group = ChildGroupFactory(description="As recorded")
    client = APIClient()
    client.force_authenticate(_user_with(*GROUP_WRITER))
    url = f"/api/v1/child-groups/{group.pk}/"
    assert client.patch(url, {"description": "Rewritten"}, format="json").status_code == 403
    created = client.post(
        "/api/v1/child-groups/",
        {"incident": group.incident_id, "count_qualifier": "exact", "count": 3},
        format="json",
    )
    assert created.status_code == 403
    group.refresh_from_db()
    assert group.description == "As recorded"
    assert ChildGroup.objects.count() == 1

    client.force_authenticate(_user_with(*GROUP_WRITER, "cases.change_incident"))
    assert client.patch(url, {"description": "Rewritten"}, format="json").status_code == 200


def test_a_partner_key_and_an_inactive_account_may_do_nothing():
    from apps.accounts.authentication import PartnerKeyUser
    from apps.accounts.services import partner_key_issue

    key, _secret = partner_key_issue(partner="NGO", name="sync", user=InvestigatorFactory())
    key_user = PartnerKeyUser(key)
    assert not any(may(key_user, action, Incident) for action in (VIEW, ADD, CHANGE))
    investigator = InvestigatorFactory()
    assert may(investigator, CHANGE, Incident)
    investigator.is_active = False
    assert not may(investigator, VIEW, Incident)


def test_a_staff_account_without_a_role_reads_published_incidents_only():
    published = IncidentFactory(is_published=True, published_at="2025-01-01T00:00Z")
    hidden = IncidentFactory()
    client = APIClient()
    client.force_authenticate(UserFactory(username="no-role"))
    ids = {item["id"] for item in client.get("/api/v1/incidents/").json()["results"]}
    assert published.pk in ids and hidden.pk not in ids
    assert client.post("/api/v1/incidents/", {"title": "x"}, format="json").status_code == 403
