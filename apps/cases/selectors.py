"""Reads of cases. Selectors own select_related/prefetch_related; admin and API reuse them."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.cases.models import (
    ChildGroup,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
    Official,
    Organization,
)
from apps.cases.totals import ChildTotal, children_total


def incident_list() -> QuerySet[Incident]:
    return Incident.objects.annotate(group_count=Count("child_groups", distinct=True))


def incident_detail_list() -> QuerySet[Incident]:
    """Incidents with everything a full view embeds, in a fixed number of queries."""
    return Incident.objects.prefetch_related(
        "origin_regions",
        "destination_regions",
        Prefetch(
            "incidentofficial_set",
            queryset=IncidentOfficial.objects.select_related("official"),
        ),
        Prefetch(
            "incidentorganization_set",
            queryset=IncidentOrganization.objects.select_related("organization"),
        ),
        Prefetch(
            "child_groups",
            queryset=ChildGroup.objects.prefetch_related(
                "origin_regions", "destination_regions"
            ).select_related("facility", "parent_group"),
        ),
    )


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


def child_group_total(*, groups: QuerySet[ChildGroup] | None = None) -> ChildTotal:
    return children_total(ChildGroup.objects.all() if groups is None else groups)


def official_list() -> QuerySet[Official]:
    return Official.objects.all()


def organization_list() -> QuerySet[Organization]:
    return Organization.objects.select_related("region", "parent")
