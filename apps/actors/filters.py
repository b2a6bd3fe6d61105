"""FilterSets for officials and organizations."""

from __future__ import annotations

from django_filters import rest_framework as filters

from apps.actors.models import Affiliation, Official, Organization, OrganizationKind
from apps.core.api.filters import UtcDateTimeFilter
from apps.regions.filters import RegionWithinFilter, within_any


class OfficialFilterSet(filters.FilterSet):
    affiliation = filters.MultipleChoiceFilter(choices=Affiliation.choices)
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Official
        fields: list[str] = []


class OrganizationFilterSet(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=OrganizationKind.choices)
    region = RegionWithinFilter(apply=within_any("region"))
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Organization
        fields: list[str] = []
