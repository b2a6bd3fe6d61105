"""Reads of cases. Selectors own select_related/prefetch_related; admin and API reuse them."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.cases.models import (
    ChildGroup,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
    Official,
    OfficialPosition,
    Organization,
)
from apps.core.visibility import Viewer


def incident_list_for(*, viewer: Viewer) -> QuerySet[Incident]:
    """Incidents the viewer may see: everything for staff, only published for others."""
    incidents = Incident.objects.all()
    return incidents if viewer.sees_unpublished else incidents.filter(is_published=True)


def child_group_list_for(*, viewer: Viewer) -> QuerySet[ChildGroup]:
    groups = ChildGroup.objects.all()
    return groups if viewer.sees_unpublished else groups.filter(incident__is_published=True)


def _with_group_details(groups: QuerySet[ChildGroup]) -> QuerySet[ChildGroup]:
    """What a full view of a group embeds: its facility and places."""
    return groups.select_related("facility").prefetch_related(
        "origin_regions", "destination_regions"
    )


def child_group_detail_list_for(*, viewer: Viewer) -> QuerySet[ChildGroup]:
    return _with_group_details(child_group_list_for(viewer=viewer))


def incident_detail_list_for(*, viewer: Viewer) -> QuerySet[Incident]:
    """Visible incidents with everything a full view embeds, in a fixed number of queries
    whatever the number of incidents: places, officials, organizations, groups."""
    return incident_list_for(viewer=viewer).prefetch_related(
        "origin_regions",
        "destination_regions",
        Prefetch(
            "incidentofficial_set", queryset=IncidentOfficial.objects.select_related("official")
        ),
        Prefetch(
            "incidentorganization_set",
            queryset=IncidentOrganization.objects.select_related("organization"),
        ),
        Prefetch("child_groups", queryset=_with_group_details(ChildGroup.objects.all())),
    )


def official_list() -> QuerySet[Official]:
    return Official.objects.prefetch_related(
        "names",
        Prefetch("positions", queryset=OfficialPosition.objects.select_related("organization")),
    )


def incident_list() -> QuerySet[Incident]:
    return Incident.objects.annotate(group_count=Count("child_groups", distinct=True))


def child_group_list() -> QuerySet[ChildGroup]:
    return ChildGroup.objects.select_related("incident", "parent_group__incident", "facility")


def child_group_filter_place(
    groups: QuerySet[ChildGroup], *, direction: str, regions: QuerySet
) -> QuerySet[ChildGroup]:
    """Groups whose origin or destination lies in `regions`.

    A group's own places win; a group without any takes its incident's (the form says
    "leave empty when they are the incident's"). `direction` is "origin" or "destination".
    """
    own = f"{direction}_regions"
    return groups.filter(
        Q(**{f"{own}__in": regions})
        | Q(**{f"{own}__isnull": True, f"incident__{own}__in": regions})
    ).distinct()


def organization_list() -> QuerySet[Organization]:
    # __str__ of a region names its country or parent.
    return Organization.objects.select_related("region__country", "region__parent", "parent")
