from django.contrib import admin
from django.db.models import QuerySet

from apps.cases.filters import INCIDENT_SEARCH_FIELDS, groups_in
from apps.cases.models import (
    ChildGroup,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
    Official,
    OfficialName,
    OfficialPosition,
    Organization,
)
from apps.cases.selectors import (
    child_group_list,
    incident_list,
    organization_list,
)
from apps.cases.services import child_group_save, incident_save
from apps.cases.totals import children_total
from apps.core.admin import COMPACT_TEXT, RecordAdmin
from apps.regions.filters import within_any
from apps.regions.models import Region, RegionKind
from apps.regions.selectors import region_within


def region_filter(title: str, parameter: str, country: str, apply):
    """A list filter on a first-level region that includes every place below it.

    `apply(queryset, regions)` narrows the queryset to rows in those regions.
    """

    class RegionWithinFilter(admin.SimpleListFilter):
        def lookups(self, request, model_admin):
            return (
                Region.objects.filter(country__iso_code=country, depth=1)
                .exclude(kind=RegionKind.AREA)
                .values_list("pk", "name_en")
                .order_by("name_en")
            )

        def queryset(self, request, queryset):
            if not self.value():
                return queryset
            region = Region.objects.filter(pk=self.value()).first()
            if region is None:
                return queryset.none()
            return apply(queryset, region_within(region=region))

    RegionWithinFilter.title = title
    RegionWithinFilter.parameter_name = parameter
    return RegionWithinFilter


class OfficialNameInline(admin.TabularInline):
    model = OfficialName
    extra = 1


class OfficialPositionInline(admin.TabularInline):
    model = OfficialPosition
    extra = 0
    autocomplete_fields = ("organization", "region")
    fields = ("title", "organization", "region", "start_date", "end_date")


@admin.register(Official)
class OfficialAdmin(RecordAdmin):
    list_display = ("name_en", "name_ru", "affiliation", "wikidata_id")
    list_filter = ("affiliation",)
    search_fields = ("name_en", "name_uk", "name_ru", "names__name")
    inlines = (OfficialNameInline, OfficialPositionInline)
    fieldsets = (
        (None, {"fields": ("name_en", "name_uk", "name_ru", "affiliation")}),
        ("Identifiers", {"fields": ("wikidata_id", "opensanctions_id")}),
        (None, {"fields": ("notes",)}),
        RecordAdmin.record_fieldset,
    )


@admin.register(Organization)
class OrganizationAdmin(RecordAdmin):
    list_display = ("name_en", "acronym", "kind", "region", "parent")
    list_filter = ("kind",)
    search_fields = ("name_en", "name_uk", "name_ru", "acronym", "aliases")
    autocomplete_fields = ("region", "parent")
    fieldsets = (
        (None, {"fields": ("name_en", "name_uk", "name_ru", "acronym", "aliases")}),
        (None, {"fields": ("kind", "region", "parent", "wikidata_id", "notes")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return organization_list()


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


@admin.register(Incident)
class IncidentAdmin(RecordAdmin):
    list_display = (
        "title",
        "incident_type",
        "occurred",
        "reported_on",
        "verification_status",
        "is_published",
        "group_count",
    )
    list_display_links = ("title",)
    list_filter = (
        "incident_type",
        "verification_status",
        "is_published",
        region_filter("origin (incl. places below)", "origin", "UA", within_any("origin_regions")),
        region_filter(
            "destination (incl. places below)",
            "destination",
            "RU",
            within_any("destination_regions"),
        ),
        "occurred_precision",
    )
    search_fields = INCIDENT_SEARCH_FIELDS
    date_hierarchy = "occurred_start"
    autocomplete_fields = ("origin_regions", "destination_regions")
    readonly_fields = (*RecordAdmin.readonly_fields, "published_at", "children_total")
    inlines = (ChildGroupInline, IncidentOfficialInline, IncidentOrganizationInline)
    fieldsets = (
        (None, {"fields": ("title", "incident_type", "summary")}),
        (
            "When",
            {
                "fields": (
                    ("occurred_precision", "occurred_start", "occurred_end"),
                    "occurred_as_stated",
                    ("reported_on", "reported_precision"),
                )
            },
        ),
        (
            "Where",
            {"fields": ("origin_regions", "destination_regions", "from_occupied_territory")},
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
    list_filter = (
        "placement",
        "count_qualifier",
        "accompanied",
        "orphan_status",
        "is_aggregate_claim",
        "incident__incident_type",
        region_filter("origin (incl. places below)", "origin", "UA", groups_in("origin")),
        region_filter(
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
