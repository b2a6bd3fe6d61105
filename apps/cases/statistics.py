"""Breakdowns of children by destination, origin, placement or year.

Every figure comes from `children_total`, applied to the groups of one bucket, so the
rules of counting hold inside each bucket: each child once, qualifiers kept, aggregate
claims and figures with adults left out. A group with several destinations counts in
each of them, so the buckets of a breakdown can add up to more than the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear

from apps.cases.models import ChildGroup, Placement
from apps.cases.selectors import child_group_filter_place
from apps.cases.totals import ChildTotal, children_total
from apps.regions.models import Region

DIMENSIONS = ("destination", "origin", "placement", "year")


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str
    total: ChildTotal

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "children": self.total.as_dict()}


def children_by(groups: QuerySet[ChildGroup], *, dimension: str) -> list[Bucket]:
    if dimension == "placement":
        buckets = _by_placement(groups)
    elif dimension == "year":
        buckets = _by_year(groups)
    elif dimension in ("destination", "origin"):
        buckets = _by_first_level_region(groups, direction=dimension)
    else:
        raise ValueError(f"unknown dimension {dimension!r}; choose one of {DIMENSIONS}")
    return sorted(buckets, key=lambda b: (-b.total.count, b.label))


def _by_placement(groups: QuerySet[ChildGroup]) -> list[Bucket]:
    labels = dict(Placement.choices)
    values = groups.order_by().values_list("placement", flat=True).distinct()
    return [
        Bucket(value, labels.get(value, value), children_total(groups.filter(placement=value)))
        for value in values
    ]


def _by_year(groups: QuerySet[ChildGroup]) -> list[Bucket]:
    years = (
        groups.order_by()
        .annotate(year=ExtractYear("incident__occurred_start"))
        .values_list("year", flat=True)
        .distinct()
    )
    buckets = []
    for year in years:
        if year is None:
            subset = groups.filter(incident__occurred_start__isnull=True)
            buckets.append(Bucket("unknown", "date unknown", children_total(subset)))
        else:
            subset = groups.filter(incident__occurred_start__year=year)
            buckets.append(Bucket(str(year), str(year), children_total(subset)))
    return buckets


def _by_first_level_region(groups: QuerySet[ChildGroup], *, direction: str) -> list[Bucket]:
    """Buckets are first-level regions; a group placed only in a country ("Russia") gets
    the country's bucket, which holds no region's children."""
    own = f"{direction}_regions"
    place_ids = set(
        groups.order_by().filter(**{f"{own}__isnull": False}).values_list(own, flat=True)
    ) | set(
        groups.order_by()
        .filter(**{f"{own}__isnull": True})
        .values_list(f"incident__{own}", flat=True)
    )
    place_ids.discard(None)
    if not place_ids:
        return []
    tree = {r.pk: r for r in Region.objects.select_related("country")}
    tops: dict[int, Region] = {}
    for place_id in place_ids:
        region = tree[place_id]
        while region.depth > 1:
            region = tree[region.parent_id]
        tops[region.pk] = region
    buckets = []
    for region in tops.values():
        if region.depth == 0:
            # Only the country is known: these children are in no region's bucket.
            regions, label = Region.objects.filter(pk=region.pk), f"{region} (region not stated)"
        else:
            regions, label = Region.objects.within(region), str(region)
        subset = child_group_filter_place(groups, direction=direction, regions=regions)
        buckets.append(Bucket(region.iso_code or str(region.pk), label, children_total(subset)))
    return buckets
