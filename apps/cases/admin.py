"""The incident page (groups of children, officials, organizations and citations
inline), the child-group list with its total, and what cases adds to the source page:
who cites the source."""

import datetime as dt

from django.contrib import admin
from django.db.models import Count, F, Max, Min, Q, QuerySet

from apps.cases.filters import INCIDENT_SEARCH_FIELDS, groups_in
from apps.cases.models import (
    ChildGroup,
    Citation,
    DatePrecision,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
)
from apps.cases.selectors import child_group_list, incident_list
from apps.cases.services import child_group_save, incident_save
from apps.cases.totals import children_total
from apps.core.admin import COMPACT_TEXT, AdminExtension, ReadOnlyInlineMixin, RecordAdmin
from apps.regions.admin import region_list_filter
from apps.regions.filters import within_any
from apps.sources.admin import SourceAdmin
from apps.sources.models import Source


class ChildGroupInline(admin.StackedInline):
    model = ChildGroup
    fk_name = "incident"
    extra = 0
    formfield_overrides = COMPACT_TEXT
    autocomplete_fields = ("origin_regions", "destination_regions", "facility", "parent_group")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "description",
                    ("count_qualifier", "count", "count_upper"),
                    "count_as_stated",
                    ("includes_adults", "is_aggregate_claim"),
                    ("age_min", "age_max", "ages_as_stated"),
                    "placement",
                    "facility",
                    ("origin_regions", "destination_regions"),
                    ("accompanied", "accompanied_note"),
                    ("orphan_status", "with_disabilities", "siblings"),
                    ("parent_group", "relation_to_parent"),
                    "notes",
                )
            },
        ),
    )


class IncidentOfficialInline(admin.TabularInline):
    model = IncidentOfficial
    extra = 0
    autocomplete_fields = ("official",)


class IncidentOrganizationInline(admin.TabularInline):
    model = IncidentOrganization
    extra = 0
    autocomplete_fields = ("organization",)


class CitationInline(admin.StackedInline):
    model = Citation
    fk_name = "incident"
    extra = 0
    formfield_overrides = COMPACT_TEXT
    autocomplete_fields = ("source", "cited_in", "child_group")
    fields = (
        ("source", "cited_in", "footnote"),
        "claim",
        ("passage_kind", "child_group"),
        "passage",
    )


class HappenedInYearFilter(admin.SimpleListFilter):
    """Incidents whose period overlaps a year, 'since' periods included: the span decides,
    and nothing is offered below a year (a date hierarchy would list days nobody gave)."""

    title = "happened in"
    parameter_name = "happened_in"
    UNKNOWN = "unknown"

    def lookups(self, request, model_admin):
        span = Incident.objects.aggregate(
            first=Min("occurred_start"), last=Max("occurred_end"), since=Max("occurred_start")
        )
        years = []
        if span["first"] is not None:
            last = max(d for d in (span["last"], span["since"]) if d is not None)
            years = [(str(y), str(y)) for y in range(last.year, span["first"].year - 1, -1)]
        return [*years, (self.UNKNOWN, "date unknown")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.UNKNOWN:
            return queryset.filter(occurred_precision=DatePrecision.UNKNOWN)
        if not value.isdigit() or not dt.MINYEAR <= int(value) <= dt.MAXYEAR:
            return queryset.none()
        year = int(value)
        return queryset.filter(
            Q(occurred_end__gte=dt.date(year, 1, 1)) | Q(occurred_precision=DatePrecision.SINCE),
            occurred_start__lte=dt.date(year, 12, 31),
        )


@admin.register(Incident)
class IncidentAdmin(RecordAdmin):
    list_display = (
        "title",
        "incident_type",
        "occurred",
        "reported",
        "verification_status",
        "is_published",
        "group_count",
    )
    list_display_links = ("title",)
    # Newest first: by when it was reported, then entered; undated ones after the dated.
    ordering = (F("reported_on").desc(nulls_last=True), "-created_at", "-pk")
    list_filter = (
        "incident_type",
        "verification_status",
        "is_published",
        region_list_filter(
            "origin (incl. places below)", "origin", "UA", within_any("origin_regions")
        ),
        region_list_filter(
            "destination (incl. places below)",
            "destination",
            "RU",
            within_any("destination_regions"),
        ),
        HappenedInYearFilter,
        "occurred_precision",
        "to_occupied_territory",
    )
    search_fields = INCIDENT_SEARCH_FIELDS
    autocomplete_fields = ("origin_regions", "destination_regions")
    readonly_fields = (*RecordAdmin.readonly_fields, "published_at", "children_total")
    inlines = (
        ChildGroupInline,
        IncidentOfficialInline,
        IncidentOrganizationInline,
        CitationInline,
    )
    fieldsets = (
        (None, {"fields": ("title", "incident_type", "summary")}),
        (
            "When",
            {
                "fields": (
                    "occurred_precision",
                    ("occurred_start", "occurred_start_precision"),
                    ("occurred_end", "occurred_end_precision"),
                    "occurred_as_stated",
                    ("reported_on", "reported_precision"),
                )
            },
        ),
        (
            "Where",
            {
                "fields": (
                    ("origin_regions", "from_occupied_territory"),
                    ("destination_regions", "to_occupied_territory"),
                )
            },
        ),
        (
            "Review",
            {
                "fields": (
                    "verification_status",
                    ("is_published", "published_at"),
                    "children_total",
                    "notes",
                )
            },
        ),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return incident_list()

    @admin.display(description="occurred", ordering="occurred_start")
    def occurred(self, obj: Incident) -> str:
        return obj.occurred_display

    @admin.display(description="reported", ordering="reported_on")
    def reported(self, obj: Incident) -> str:
        return obj.reported_display

    @admin.display(description="groups", ordering="group_count")
    def group_count(self, obj: Incident) -> int:
        return obj.group_count

    @admin.display(description="children (each counted once)")
    def children_total(self, obj: Incident) -> str:
        if obj.pk is None:
            return "—"
        return str(children_total(obj.child_groups.all()))

    def has_delete_permission(self, request, obj=None) -> bool:
        # Evidence is not deleted by investigators; history keeps what a superuser removes.
        return request.user.is_superuser

    def save_record(self, obj, user) -> None:
        incident_save(incident=obj, user=user)


@admin.register(ChildGroup)
class ChildGroupAdmin(RecordAdmin):
    list_display = (
        "group",
        "incident",
        "placement",
        "accompanied",
        "orphan_status",
        "linked_to",
    )
    ordering = (F("incident__reported_on").desc(nulls_last=True), "-created_at", "-pk")
    list_filter = (
        "placement",
        "count_qualifier",
        "accompanied",
        "orphan_status",
        "is_aggregate_claim",
        "incident__incident_type",
        region_list_filter("origin (incl. places below)", "origin", "UA", groups_in("origin")),
        region_list_filter(
            "destination (incl. places below)", "destination", "RU", groups_in("destination")
        ),
    )
    search_fields = ("description", "count_as_stated", "incident__title", "notes")
    autocomplete_fields = (
        "incident",
        "origin_regions",
        "destination_regions",
        "facility",
        "parent_group",
    )
    fieldsets = (
        (None, {"fields": ("incident", *ChildGroupInline.fieldsets[0][1]["fields"])}),
        RecordAdmin.record_fieldset,
    )
    change_list_template = "admin/cases/childgroup/change_list.html"

    def get_queryset(self, request):
        return child_group_list()

    @admin.display(description="group")
    def group(self, obj: ChildGroup) -> str:
        text = obj.count_display
        return f"{text} {obj.description}" if obj.description else text

    @admin.display(description="already counted in")
    def linked_to(self, obj: ChildGroup) -> str:
        if obj.parent_group is None:
            return ""
        return f"{obj.get_relation_to_parent_display()} {obj.parent_group}"

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            queryset: QuerySet[ChildGroup] = changelist.queryset
            response.context_data["children_total"] = children_total(queryset)
        return response

    def save_record(self, obj, user) -> None:
        child_group_save(group=obj, user=user)


class CitedByInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Citation
    fk_name = "source"
    verbose_name = "citation of this source"
    verbose_name_plural = "cited by"
    fields = ("incident", "cited_in", "footnote", "claim")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("incident", "cited_in")


class CitationsOnSourcePage(AdminExtension):
    """On the source page: the incidents that cite it, and a column counting them."""

    inlines = (CitedByInline,)

    def __init__(self) -> None:
        self.list_display = (self.citation_count,)

    def annotate(self, queryset: QuerySet[Source]) -> QuerySet[Source]:
        return queryset.annotate(citation_count=Count("citations", distinct=True))

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj: Source) -> int:
        return obj.citation_count


SourceAdmin.extend(CitationsOnSourcePage())
