"""FilterSets for sources."""

from __future__ import annotations

from django_filters import rest_framework as filters

from apps.core.api.filters import UtcDateTimeFilter
from apps.sources.models import Availability, Language, Source, SourceKind, SpeakerKind


class SourceFilterSet(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=SourceKind.choices)
    language = filters.MultipleChoiceFilter(choices=Language.choices)
    speaker_kind = filters.MultipleChoiceFilter(choices=SpeakerKind.choices)
    availability = filters.MultipleChoiceFilter(choices=Availability.choices)
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_on", lookup_expr="lte")
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Source
        fields: list[str] = []
