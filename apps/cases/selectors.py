"""Reads of cases. Selectors own select_related/prefetch_related; admin and API reuse
them. Which rows a viewer may see is decided by apps.core.visibility (the API's base
viewset applies it to what a selector returns)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from apps.archiving.selectors import source_archive_status, source_ids_with_saved_capture
from apps.cases.models import (
    ChildGroup,
    ChildGroupLink,
    Citation,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
    Tombstone,
)
from apps.core.visibility import Viewer, visible
from apps.sources.models import Source

# The history entry of a review step says so: a step is not an edit (four-eyes).
REVIEW_STEP_REASON = "review step"


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


def child_group_detail_list(*, viewer: Viewer | None = None) -> QuerySet[ChildGroup]:
    """What a full view of a group embeds: its facility, places and links (for a
    `viewer`, only links to groups that viewer may read)."""
    links = ChildGroupLink.objects.select_related("counted_in")
    if viewer is not None:
        links = visible(links, viewer=viewer)
    return ChildGroup.objects.select_related("facility").prefetch_related(
        "origin_regions",
        "destination_regions",
        Prefetch("links", queryset=links),
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


def incident_last_editor_id(incident: Incident) -> int | None:
    """Who last changed what a reviewer would publish: the incident's own fields and
    places, its groups (their places and links), citations, officials and
    organizations, a row created, changed or deleted, as history recorded it. Review
    steps are not edits."""
    group_ids = ChildGroup.history.filter(incident_id=incident.pk).values("id")
    histories = [
        Incident.history.filter(id=incident.pk).exclude(history_change_reason=REVIEW_STEP_REASON),
        ChildGroup.history.filter(incident_id=incident.pk),
        ChildGroupLink.history.filter(Q(group_id__in=group_ids) | Q(counted_in_id__in=group_ids)),
        Citation.history.filter(incident_id=incident.pk),
        IncidentOfficial.history.filter(incident_id=incident.pk),
        IncidentOrganization.history.filter(incident_id=incident.pk),
    ]
    latest = [
        row
        for history in histories
        if (
            row := history.order_by("-history_date")
            .values_list("history_date", "history_user_id")
            .first()
        )
    ]
    return max(latest)[1] if latest else None


def incident_publish_problems(incident: Incident) -> list[str]:
    """What keeps an incident from being published, one line each: groups of children
    without a citation, and cited sources (or the reports of cited footnotes) with a URL
    but no successful capture. A source without a URL (a printed document) has nothing
    to capture. Empty when it may be published."""
    problems = []
    cited_groups = Citation.objects.filter(incident=incident, child_group__isnull=False)
    for group in incident.child_groups.exclude(
        pk__in=cited_groups.values("child_group_id")
    ).order_by("pk"):
        label = f"{group.count_display} {group.description}".strip()
        problems.append(
            f"Group “{label}” (#{group.pk}) has no citation: cite the source that gives it."
        )
    # Only live citations count: a deleted one cites nothing any more.
    live = Citation.objects.filter(incident=incident)
    sources = Source.objects.filter(
        Q(pk__in=live.values("source_id")) | Q(pk__in=live.values("cited_in_id")),
        url__isnull=False,
    )
    sources = {source.pk: source for source in sources.order_by("pk")}
    saved = source_ids_with_saved_capture(list(sources))
    for pk, source in sources.items():
        if pk not in saved:
            problems.append(
                f"Source “{source.title or source.url}” (#{pk}) has no successful capture: "
                f"{source_archive_status(source).text}"
            )
    return problems


def incident_removed_since(since: dt.datetime | None) -> QuerySet[Tombstone]:
    """What partners are told is gone: the latest tombstone of each incident that was
    published and no longer is visible to partners, removed at or after `since`. An
    incident published again is not listed (it is in the incident list again)."""
    public = visible(Incident.objects.all(), viewer=Viewer.public()).values("pk")
    later = Tombstone.objects.filter(
        incident_id=OuterRef("incident_id"), removed_at__gt=OuterRef("removed_at")
    )
    tombstones = Tombstone.objects.exclude(incident_id__in=public).filter(~Exists(later))
    if since is not None:
        tombstones = tombstones.filter(removed_at__gte=since)
    return tombstones.order_by("removed_at", "pk")
