"""Breakdowns of children by destination, origin, placement or year.

Every figure comes from the one totals module (`children_total_by`), so the rules of
counting hold inside each bucket: each child once, qualifiers kept, aggregate claims
and figures with adults left out. The claims themselves are listed beside the total
(`claims_in`), with who states them. A group with several destinations counts in each of
them, so the buckets of a breakdown can add up to more than the total. One SQL
statement computes every bucket of a breakdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce, ExtractYear

from apps.cases.models import (
    ChildGroup,
    ClaimSide,
    IncidentOfficial,
    IncidentOrganization,
    OfficialRole,
    OrganizationRole,
    Placement,
)
from apps.cases.totals import ChildTotal, children_total_by
from apps.regions.models import Region

DIMENSIONS = ("destination", "origin", "placement", "year")
UNKNOWN_YEAR = 0


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str
    total: ChildTotal

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "children": self.total.as_dict()}


def claims_in(groups: QuerySet[ChildGroup]) -> list[dict]:
    """The aggregate claims among `groups` (figures one side states, which totals leave
    out), to show beside a total: who claims it, the figure in the source's words, the
    period. Speakers are the incident's officials and organizations who stated it.
    Three queries, whatever the number of claims."""
    claims = list(
        groups.filter(is_aggregate_claim=True)
        .prefetch_related(None)  # a list page's prefetches are not needed here
        .select_related("incident")
        .order_by("incident__reported_on", "incident_id", "pk")
    )
    incident_ids = {claim.incident_id for claim in claims}
    speakers: dict[int, list[str]] = {pk: [] for pk in incident_ids}
    for incident_id, name in (
        IncidentOfficial.objects.filter(incident__in=incident_ids, role=OfficialRole.STATED)
        .order_by("incident_id", "pk")
        .values_list("incident_id", "official__name_en")
    ):
        speakers[incident_id].append(name)
    for incident_id, name in (
        IncidentOrganization.objects.filter(incident__in=incident_ids, role=OrganizationRole.STATED)
        .order_by("incident_id", "pk")
        .values_list("incident_id", "organization__name_en")
    ):
        speakers[incident_id].append(name)
    return [_claim(claim, speakers[claim.incident_id]) for claim in claims]


def _claim(claim: ChildGroup, speakers: list[str]) -> dict:
    incident = claim.incident
    period = incident.occurred_display  # the source's words, else the date at its precision
    side = ClaimSide(claim.claimed_by).label if claim.claimed_by else ClaimSide.NOT_RECORDED.label
    who = side if claim.claimed_by != ClaimSide.NOT_RECORDED else "A side not recorded"
    if speakers:
        who = f"{who} ({', '.join(speakers)})"
    words = claim.count_as_stated or claim.count_display
    text = f"{who} claim {words}" + (f" {claim.description}" if claim.description else "")
    return {
        "group": claim.pk,
        "incident": incident.pk,
        "side": claim.claimed_by,
        "side_label": side,
        "speakers": speakers,
        "figure": claim.count_display,
        "as_stated": claim.count_as_stated,
        "count_min": claim.count_min,
        "count_max": claim.count_max,
        "description": claim.description,
        "period": period,
        # At the precision it was given ("July 2023"): never a day no source gave.
        "reported": incident.reported_display,
        "statement": f"{text} ({period})",
    }


def children_by(
    groups: QuerySet[ChildGroup], *, dimension: str, links: QuerySet | None = None
) -> list[Bucket]:
    """Buckets of `dimension`; `links` as for apps.cases.totals.children_total."""
    if dimension == "placement":
        buckets = _by_placement(groups, links)
    elif dimension == "year":
        buckets = _by_year(groups, links)
    elif dimension in ("destination", "origin"):
        buckets = _by_first_level_region(groups, direction=dimension, links=links)
    else:
        raise ValueError(f"unknown dimension {dimension!r}; choose one of {DIMENSIONS}")
    return sorted(buckets, key=lambda b: (-b.total.count, b.label))


def _by_placement(groups: QuerySet[ChildGroup], links) -> list[Bucket]:
    labels = dict(Placement.choices)
    totals = children_total_by(groups, key=F("placement"), links=links)
    return [Bucket(key, labels.get(key, key), total) for key, total in totals.items()]


def _by_year(groups: QuerySet[ChildGroup], links) -> list[Bucket]:
    year = Coalesce(ExtractYear("incident__occurred_start"), Value(UNKNOWN_YEAR))
    totals = children_total_by(groups, key=year, links=links)
    return [
        Bucket("unknown", "date unknown", total)
        if int(key) == UNKNOWN_YEAR
        else Bucket(str(int(key)), str(int(key)), total)
        for key, total in totals.items()
    ]


def _by_first_level_region(
    groups: QuerySet[ChildGroup], *, direction: str, links=None
) -> list[Bucket]:
    """Buckets are first-level regions; a group placed only in a country ("Russia") gets
    the country's bucket, which holds no region's children. A group's own places win; a
    group without any takes its incident's."""
    own_places = getattr(ChildGroup, f"{direction}_regions").through.objects
    own = own_places.order_by().values_list("childgroup_id", "region__first_level_id")
    inherited = (
        ChildGroup.objects.filter(
            ~Exists(own_places.filter(childgroup_id=OuterRef("pk"))),
            **{f"incident__{direction}_regions__isnull": False},
        )
        .order_by()
        .values_list("pk", f"incident__{direction}_regions__first_level_id")
    )
    totals = children_total_by(groups, pairs=own.union(inherited), links=links)
    regions = Region.objects.select_related("country", "parent").in_bulk(totals)
    buckets = []
    for pk, total in totals.items():
        region = regions[pk]
        label = f"{region} (region not stated)" if region.depth == 0 else str(region)
        buckets.append(Bucket(region.iso_code or str(region.pk), label, total))
    return buckets
