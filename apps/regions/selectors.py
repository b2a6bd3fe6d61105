"""Reads of the place tree."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.regions.models import Region


def region_within(*, region: Region, include_self: bool = True) -> QuerySet[Region]:
    """The region and every place below it: a query for Donetsk Oblast finds Mariupol."""
    return Region.objects.within(region, include_self=include_self)
