"""Reads of officials and organizations: reference data, visible to every reader."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from apps.actors.models import Official, OfficialPosition, Organization


def official_list() -> QuerySet[Official]:
    return Official.objects.prefetch_related(
        "names",
        Prefetch("positions", queryset=OfficialPosition.objects.select_related("organization")),
    )


def organization_list() -> QuerySet[Organization]:
    # __str__ of a region names its country or parent.
    return Organization.objects.select_related("region__country", "region__parent", "parent")
