"""Reads of the place tree."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.regions.models import Region, RegionKind


def region_list() -> QuerySet[Region]:
    return Region.objects.select_related("parent", "country")


def region_within(*, region: Region, include_self: bool = True) -> QuerySet[Region]:
    """The region and every place below it: a query for Donetsk Oblast finds Mariupol."""
    return Region.objects.within(region, include_self=include_self)


def region_first_level(*, country_code: str) -> QuerySet[Region]:
    return Region.objects.filter(country__iso_code=country_code).exclude(
        kind__in=[
            RegionKind.COUNTRY,
            RegionKind.RAION,
            RegionKind.HROMADA,
            RegionKind.SETTLEMENT,
            RegionKind.AREA,
        ]
    )
