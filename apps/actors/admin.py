from django.contrib import admin

from apps.actors.models import Official, OfficialName, OfficialPosition, Organization
from apps.actors.selectors import organization_list
from apps.core.admin import RecordAdmin


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
