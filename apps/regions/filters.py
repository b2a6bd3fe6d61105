"""Filtering by place, including every place below it."""

from __future__ import annotations

from django.db.models import Q
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError

from apps.core.api.filters import UtcDateTimeFilter, parse_id
from apps.core.softdelete import along_live_rows
from apps.regions.models import Region, RegionKind


def region_resolve(value: str) -> Region | None:
    """A region by id or by ISO code (UA-14, RU-MOS, UA), or None."""
    value = value.strip()
    if value.isdigit():  # any digits, "²" included: an id only if parse_id says so
        pk = parse_id(value)
        return None if pk is None else Region.objects.filter(pk=pk).first()
    return Region.objects.filter(iso_code__iexact=value).first()


def within_any(*paths: str):
    """An `apply` for RegionWithinFilter: the place at any of `paths` is in the regions."""

    def apply(queryset, regions):
        # One subquery a path, each driven by the few places in `regions`: a join would
        # repeat rows (and need DISTINCT over whole rows), one subquery with every path
        # joined would walk all rows.
        # Along an incident's groups, only live (not deleted) groups count.
        condition = Q()
        for path in paths:
            matching = along_live_rows(queryset.model, f"{path}__in", regions)
            condition |= Q(pk__in=matching)
        return queryset.filter(condition)

    return apply


class RegionWithinFilter(filters.CharFilter):
    """Matches rows in the region or any place below it; `apply(queryset, regions)`
    says where a row's place is."""

    def __init__(self, *args, apply, **kwargs):
        self.apply = apply
        kwargs.setdefault(
            "help_text",
            "A region id or ISO 3166 code (UA-14 Donetsk Oblast); places below it count "
            "too (Donetsk Oblast finds Mariupol).",
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        region = region_resolve(value)
        if region is None:
            raise ValidationError(
                {
                    self.field_name: [
                        f"Unknown region {value!r}: give an id or an ISO code such as UA-14."
                    ]
                }
            )
        return self.apply(qs, Region.objects.within(region))


class RegionFilterSet(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=RegionKind.choices)
    within = RegionWithinFilter(apply=within_any("pk"))
    country = filters.CharFilter(
        field_name="country__iso_code",
        lookup_expr="iexact",
        help_text="ISO 3166-1 code of the country: UA, RU, BY.",
    )
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Region
        fields: list[str] = []
