"""FilterSets for sources."""

from __future__ import annotations

from django_filters import rest_framework as filters

from apps.core.api.filters import IdFilter, UtcDateTimeFilter
from apps.core.dates import reaches
from apps.core.visibility import Viewer, viewer_for, visible
from apps.sources.models import Availability, Language, Source, SourceKind, SpeakerKind


class SourceFilterSet(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=SourceKind.choices)
    language = filters.MultipleChoiceFilter(choices=Language.choices)
    speaker_kind = filters.MultipleChoiceFilter(choices=SpeakerKind.choices)
    availability = filters.MultipleChoiceFilter(choices=Availability.choices)
    published_after = filters.DateFilter(
        method="filter_published_after",
        help_text="Published on or after this day; a source dated only by month or year "
        "matches when its month or year reaches the day (a 'March 2025' source matches "
        "published_after=2025-03-31).",
    )
    published_before = filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        help_text="Published on or before this day (a 'March 2025' source matches "
        "published_before=2025-03-01).",
    )
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    copy_of = IdFilter(
        method="filter_copy_of",
        help_text="Id of a source: the archived copies, reposts and screenshots of it (where "
        "a removed source survives).",
    )

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_published_after(self, queryset, name, value):
        return queryset.filter(reaches("published_on", "published_precision", value))

    def filter_copy_of(self, queryset, name, value):
        # The original must be one the requester may read: a hidden id answers as a
        # missing one (nothing), so filtering cannot tell which hidden ids have copies.
        viewer = viewer_for(self.request.user) if self.request is not None else Viewer.public()
        originals = visible(Source.objects.filter(pk=value), viewer=viewer)
        return queryset.filter(copy_of__in=originals.values("pk"))
