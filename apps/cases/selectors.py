"""Reads of cases. Selectors own select_related/prefetch_related; admin and API reuse
them. Which rows a viewer may see is decided by apps.core.visibility (the API's base
viewset applies it to what a selector returns)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.cases.models import ChildGroup, ChildGroupLink, Citation, Incident


def incident_list(*, deleted_too: bool = False) -> QuerySet[Incident]:
    """Incidents with what their list shows: the number of groups, each group's number
    and the places (one query per relation for a whole page). Deleted incidents only
    when asked (the admin's "deleted" filter, apps.core.softdelete_admin)."""
    incidents = Incident.all_objects if deleted_too else Incident.objects
    live_groups = Q(child_groups__deleted_at__isnull=True)
    return incidents.annotate(
        group_count=Count("child_groups", filter=live_groups, distinct=True)
    ).prefetch_related(
        Prefetch("child_groups", queryset=ChildGroup.objects.order_by("pk")),
        "origin_regions",
        "destination_regions",
    )


def child_group_list(*, deleted_too: bool = False) -> QuerySet[ChildGroup]:
    """Groups with their incident, links and facility, and the places the list shows
    (a group's own, else its incident's). Deleted groups only when asked."""
    groups = ChildGroup.all_objects if deleted_too else ChildGroup.objects
    return groups.select_related("incident", "facility").prefetch_related(
        Prefetch("links", queryset=ChildGroupLink.objects.select_related("counted_in__incident")),
        "origin_regions",
        "destination_regions",
        "incident__origin_regions",
        "incident__destination_regions",
    )


def child_group_detail_list() -> QuerySet[ChildGroup]:
    """What a full view of a group embeds: its facility, places and links."""
    return ChildGroup.objects.select_related("facility").prefetch_related(
        "origin_regions",
        "destination_regions",
        Prefetch("links", queryset=ChildGroupLink.objects.select_related("counted_in")),
    )


def citation_list() -> QuerySet[Citation]:
    return Citation.objects.select_related("source")


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
