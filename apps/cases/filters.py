"""FilterSets that mirror the questions people ask of the records."""

from __future__ import annotations

from django.db.models import Q
from django_filters import rest_framework as filters

from apps.actors.models import Official, Organization
from apps.cases.models import (
    ChildGroup,
    Citation,
    CountQualifier,
    Incident,
    IncidentType,
    Placement,
    VerificationStatus,
)
from apps.cases.selectors import child_group_filter_place
from apps.core.api.filters import (
    IdFilter,
    ToManyModelMultipleChoiceFilter,
    ToManyMultipleChoiceFilter,
    ToManyWholeNumberFilter,
    UtcDateTimeFilter,
    WholeNumberFilter,
)
from apps.core.dates import reaches
from apps.regions.filters import RegionWithinFilter, within_any
from apps.sources.models import Language, SourceKind


def groups_in(direction: str):
    # A group's own places win; a group with none takes its incident's.
    return lambda queryset, regions: child_group_filter_place(
        queryset, direction=direction, regions=regions
    )


# What a free-text search of incidents looks in: the admin and the API search alike.
INCIDENT_SEARCH_FIELDS = (
    "title",
    "summary",
    "officials__name_en",
    "officials__name_ru",
    "officials__names__name",
    "organizations__name_en",
    "organizations__acronym",
    "citations__source__url",
)


class IncidentFilterSet(filters.FilterSet):
    incident_type = filters.MultipleChoiceFilter(
        choices=IncidentType.choices, distinct=False, help_text="One or more incident types."
    )
    occurred_after = filters.DateFilter(
        method="filter_occurred_after",
        help_text="Incidents whose period reaches this day or later (a 'March 2025' "
        "incident matches occurred_after=2025-03-31). Ongoing periods match.",
    )
    occurred_before = filters.DateFilter(
        field_name="occurred_start",
        lookup_expr="lte",
        help_text="Incidents whose period starts on or before this day.",
    )
    reported_after = filters.DateFilter(
        method="filter_reported_after",
        help_text="Reported on or after this day; a report dated only by month or year "
        "matches when its month or year reaches the day (a 'March 2025' report matches "
        "reported_after=2025-03-31).",
    )
    reported_before = filters.DateFilter(
        field_name="reported_on",
        lookup_expr="lte",
        help_text="Reported on or before this day (a 'March 2025' report matches "
        "reported_before=2025-03-01).",
    )
    origin = RegionWithinFilter(apply=within_any("origin_regions", "child_groups__origin_regions"))
    destination = RegionWithinFilter(
        apply=within_any("destination_regions", "child_groups__destination_regions")
    )
    from_occupied_territory = filters.BooleanFilter(
        help_text="The origin was under Russian occupation at the time (true), or was not "
        "(false); incidents where it is not recorded match neither."
    )
    to_occupied_territory = filters.BooleanFilter(
        help_text="The destination was under Russian occupation at the time (a camp in "
        "occupied Crimea: true), or was not (false); incidents where it is not recorded "
        "match neither."
    )
    official = ToManyModelMultipleChoiceFilter(
        field_name="officials",
        queryset=Official.objects.all(),
        help_text="Official id(s) involved in any role.",
    )
    organization = ToManyModelMultipleChoiceFilter(
        field_name="organizations",
        queryset=Organization.objects.all(),
        help_text="Organization id(s) involved in any role.",
    )
    placement = ToManyMultipleChoiceFilter(
        field_name="child_groups__placement",
        choices=Placement.choices,
        help_text="Incidents with a group of children in this placement.",
    )
    count_min = ToManyWholeNumberFilter(
        field_name="child_groups__count_min",
        lookup_expr="gte",
        help_text="Incidents with a group of at least this many children.",
    )
    count_max = ToManyWholeNumberFilter(
        field_name="child_groups__count_max",
        lookup_expr="lte",
        help_text="Incidents with a group known to have at most this many children.",
    )
    source_kind = ToManyMultipleChoiceFilter(
        field_name="citations__source__kind",
        choices=SourceKind.choices,
        help_text="Incidents citing a source of this kind.",
    )
    source_language = ToManyMultipleChoiceFilter(
        field_name="citations__source__language",
        choices=Language.choices,
        help_text="Incidents citing a source in this language.",
    )
    verification_status = filters.MultipleChoiceFilter(
        choices=VerificationStatus.choices, distinct=False
    )
    is_published = filters.BooleanFilter(help_text="Staff only: partners see published only.")
    updated_since = UtcDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only incidents changed at or after this time (ISO 8601): for incremental sync.",
    )

    class Meta:
        model = Incident
        fields: list[str] = []

    def filter_reported_after(self, queryset, name, value):
        return queryset.filter(reaches("reported_on", "reported_precision", value))

    def filter_occurred_after(self, queryset, name, value):
        return queryset.filter(
            Q(occurred_end__gte=value) | Q(occurred_end__isnull=True, occurred_start__isnull=False)
        )


class ChildGroupFilterSet(filters.FilterSet):
    incident = IdFilter(field_name="incident_id", help_text="Incident id.")
    placement = filters.MultipleChoiceFilter(choices=Placement.choices)
    count_qualifier = filters.MultipleChoiceFilter(choices=CountQualifier.choices)
    count_min = WholeNumberFilter(
        field_name="count_min", lookup_expr="gte", help_text="At least this many children."
    )
    count_max = WholeNumberFilter(
        field_name="count_max",
        lookup_expr="lte",
        help_text="Known to be at most this many children.",
    )
    origin = RegionWithinFilter(apply=groups_in("origin"))
    destination = RegionWithinFilter(apply=groups_in("destination"))
    is_aggregate_claim = filters.BooleanFilter()
    updated_since = UtcDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = ChildGroup
        fields: list[str] = []


class CitationFilterSet(filters.FilterSet):
    # Plain ids: a choice among all rows would tell a partner which hidden ids exist.
    incident = IdFilter(field_name="incident_id", help_text="Incident id.")
    source = IdFilter(field_name="source_id", help_text="Source id.")
    cited_in = IdFilter(
        field_name="cited_in_id", help_text="Id of the report whose footnote this is."
    )

    class Meta:
        model = Citation
        fields: list[str] = []
