"""A place that a record names cannot be deleted, on any path: the admin says which
records name it and what to do instead; a place nobody names is deleted as before."""

import pytest
from django.contrib.auth.models import Permission
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.html import escape

from apps.cases.admin import group_label
from apps.core.softdelete import record_soft_delete
from apps.regions.models import Region
from tests.factories import (
    ChildGroupFactory,
    IncidentFactory,
    OfficialFactory,
    OrganizationFactory,
    RegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def geographer(client):
    """Staff who may view and delete places (and view the records), not a superuser."""
    user = UserFactory(username="geographer")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_region", "delete_region"])
        | Permission.objects.filter(
            content_type__app_label__in=["cases", "actors"], codename__startswith="view_"
        )
    )
    client.force_login(user)
    return client


def _settlement(**kwargs) -> Region:
    """A place below a first-level region: nothing but a record can refer to it."""
    return RegionFactory(kind="settlement", parent=RegionFactory(), **kwargs)


def _delete_page(client, region) -> str:
    return client.get(reverse("admin:regions_region_delete", args=[region.pk])).content.decode()


def test_a_place_incidents_name_says_which_and_is_kept(geographer):
    kherson = RegionFactory(name_en="Kherson Oblast")
    incident = IncidentFactory()
    incident.origin_regions.add(kherson)
    url = reverse("admin:regions_region_delete", args=[kherson.pk])

    text = _delete_page(geographer, kherson)
    assert f"“{escape(kherson)}” cannot be deleted" in text
    assert reverse("admin:cases_incident_change", args=[incident.pk]) in text
    assert "names it as a place the children came from" in text
    assert "Remove the place from those incidents and groups" in text
    assert "Yes, I’m sure" not in text

    geographer.post(url, {"post": "yes"})
    assert Region.objects.filter(pk=kherson.pk).exists()
    assert list(incident.origin_regions.all()) == [kherson]


def test_a_place_a_group_was_taken_to_names_the_group_and_its_incident(geographer):
    camp_region = RegionFactory(name_en="Crimea")
    group = ChildGroupFactory()
    group.destination_regions.add(camp_region)

    text = _delete_page(geographer, camp_region)
    assert reverse("admin:cases_incident_change", args=[group.incident_id]) in text
    how = f"its group “{group_label(group)}” names it as a place the children were taken to"
    assert escape(how) in text


def test_deleting_selected_places_explains_too(geographer):
    named = RegionFactory()
    IncidentFactory().destination_regions.add(named)
    response = geographer.post(
        reverse("admin:regions_region_changelist"),
        {"action": "delete_selected", "_selected_action": [named.pk]},
    )
    text = response.content.decode()
    assert "names it as a place the children were taken to" in text
    assert Region.objects.filter(pk=named.pk).exists()


@pytest.mark.parametrize(
    "delete", [lambda r: r.delete(), lambda r: Region.objects.filter(pk=r.pk).delete()]
)
def test_no_code_path_deletes_a_named_place(delete):
    named = _settlement()
    incident = IncidentFactory()
    incident.origin_regions.add(named)
    group = ChildGroupFactory(incident=incident)
    group.origin_regions.add(named)

    with pytest.raises(ProtectedError):
        delete(named)
    assert list(incident.origin_regions.all()) == [named]
    assert list(group.origin_regions.all()) == [named]


def test_removing_a_place_from_a_record_still_works_and_a_deleted_record_keeps_it():
    named = _settlement()
    incident = IncidentFactory()
    incident.origin_regions.add(named)
    group = ChildGroupFactory(incident=incident)
    group.destination_regions.add(named)
    incident.origin_regions.remove(named)
    # A deleted record is kept (apps.core.softdelete) and still names the place.
    record_soft_delete(incident, user=UserFactory(), reason="Entered twice.")
    with pytest.raises(ProtectedError):
        named.delete()
    group.destination_regions.remove(named)
    named.delete()
    assert not Region.objects.filter(pk=named.pk).exists()


def test_a_place_organizations_and_positions_are_in_says_so(geographer):
    place = RegionFactory()
    organization = OrganizationFactory(region=place)
    official = OfficialFactory()
    official.positions.create(title="Governor", region=place)

    text = _delete_page(geographer, place)
    assert f"{escape(organization)}”</a> — is located there" in text
    assert "served there as “Governor”" in text
    assert Region.objects.filter(pk=place.pk).exists()


@pytest.mark.parametrize("level", ["first-level", "settlement"])
def test_a_place_nobody_names_is_deleted_by_who_may_delete_places(geographer, level):
    # A first-level place is its own first-level place: that alone must not protect it.
    unused = RegionFactory() if level == "first-level" else _settlement()
    url = reverse("admin:regions_region_delete", args=[unused.pk])
    assert "Yes, I’m sure" in _delete_page(geographer, unused)
    assert geographer.post(url, {"post": "yes"}).status_code == 302
    assert not Region.objects.filter(pk=unused.pk).exists()


def test_the_api_does_not_delete_places(staff_client):
    place = RegionFactory()
    response = staff_client.delete(f"/api/v1/regions/{place.pk}/")
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405
    assert Region.objects.filter(pk=place.pk).exists()
