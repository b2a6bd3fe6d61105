"""Deleting a record others rely on says which records, how they rely on it, and what to
do instead, in the domain's words (not Django's list of model names); nothing is
deleted."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape

from apps.actors.models import Official, Organization
from apps.cases.models import ChildGroup, IncidentOrganization
from apps.sources.models import Source
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

DJANGO_WORDS = "would require deleting the following protected related objects"


@pytest.fixture
def reviewer(client):
    """Staff who may view and delete officials and organizations, not a superuser."""
    user = UserFactory(username="reviewer")
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="actors",
            codename__in=[
                "view_official",
                "delete_official",
                "view_organization",
                "delete_organization",
            ],
        )
        | Permission.objects.filter(
            content_type__app_label__in=["cases", "sources"], codename__startswith="view_"
        )
    )
    client.force_login(user)
    return client


def test_a_facility_of_child_groups_says_which_groups_and_what_to_do(demo, reviewer):
    klyazma = Organization.objects.get(name_en__icontains="Klyazma")
    group = ChildGroup.objects.filter(facility=klyazma).select_related("incident").first()
    url = reverse("admin:actors_organization_delete", args=[klyazma.pk])
    response = reviewer.get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert f"“{escape(klyazma)}” cannot be deleted" in text
    assert DJANGO_WORDS not in text
    assert reverse("admin:cases_incident_change", args=[group.incident_id]) in text
    held = f"its group “{group.count_display} {group.description}” is held there (its facility)"
    assert escape(held) in text
    assert "What to do instead" in text
    assert "Choose another facility for those groups" in text
    assert "Yes, I’m sure" not in text

    reviewer.post(url, {"post": "yes"})
    assert Organization.objects.filter(pk=klyazma.pk).exists()


def test_an_organization_involved_in_incidents_names_them_and_its_role(demo, reviewer):
    involved = IncidentOrganization.objects.select_related("organization", "incident").first()
    url = reverse("admin:actors_organization_delete", args=[involved.organization_id])
    text = reviewer.get(url).content.decode()
    role = involved.get_role_display().lower()
    assert f"names it among the organizations involved ({role})" in text
    assert escape(involved.incident) in text
    assert "Remove it from the organizations involved in those incidents" in text


def test_an_official_who_is_a_sources_speaker_names_the_sources(demo, reviewer):
    source = Source.objects.filter(speaker__isnull=False).select_related("speaker").first()
    url = reverse("admin:actors_official_delete", args=[source.speaker_id])
    text = reviewer.get(url).content.decode()
    assert f"“{escape(source.speaker)}” cannot be deleted" in text
    assert reverse("admin:sources_source_change", args=[source.pk]) in text
    assert "quotes them as the official speaking" in text
    assert "Choose another speaker, or none, on those sources first." in text
    reviewer.post(url, {"post": "yes"})
    assert Official.objects.filter(pk=source.speaker_id).exists()


def test_deleting_selected_organizations_explains_too(demo, reviewer):
    klyazma = Organization.objects.get(name_en__icontains="Klyazma")
    response = reviewer.post(
        reverse("admin:actors_organization_changelist"),
        {"action": "delete_selected", "_selected_action": [klyazma.pk]},
    )
    text = response.content.decode()
    assert "The selected organization cannot be deleted" in text
    assert "is held there (its facility)" in text and DJANGO_WORDS not in text
    assert Organization.objects.filter(pk=klyazma.pk).exists()


def test_an_organization_nothing_relies_on_is_deleted_as_before(reviewer):
    unused = OrganizationFactory(name_en="Entered by mistake")
    url = reverse("admin:actors_organization_delete", args=[unused.pk])
    assert "Yes, I’m sure" in reviewer.get(url).content.decode()
    assert reviewer.post(url, {"post": "yes"}).status_code == 302
    assert not Organization.objects.filter(pk=unused.pk).exists()


def test_a_place_with_places_below_names_them(demo, client):
    from apps.regions.models import Region

    user = UserFactory(username="geographer")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_region", "delete_region"])
    )
    client.force_login(user)
    donetsk = Region.objects.get(iso_code="UA-14")
    below = Region.objects.filter(parent=donetsk).first()
    text = client.get(reverse("admin:regions_region_delete", args=[donetsk.pk])).content.decode()
    assert f"“{escape(below)}”</a> — lies in it" in text
    assert "Move those places under another place first." in text
    assert Region.objects.filter(pk=donetsk.pk).exists()
