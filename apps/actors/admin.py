from django.contrib import admin

from apps.actors.models import Official, OfficialName, OfficialPosition, Organization
from apps.actors.selectors import organization_list
from apps.core.admin import RecordAdmin, explain_protection


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


explain_protection(
    Organization,
    "parent",
    how="is part of it, or run by it",
    instead="Choose another body under 'part of / run by' on those organizations first.",
)
explain_protection(
    OfficialPosition,
    "organization",
    record=lambda position: position.official,
    how=lambda position: f"held the position “{position.title}” in it",
    instead="Choose another body for those positions on the officials' pages first.",
)
explain_protection(
    Organization,
    "region",
    how="is located there",
    instead="Choose another place for those organizations first.",
)
explain_protection(
    OfficialPosition,
    "region",
    record=lambda position: position.official,
    how=lambda position: f"served there as “{position.title}”",
    instead="Choose another region for those positions on the officials' pages first.",
)
