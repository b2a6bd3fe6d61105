from django.contrib import admin

from apps.core.admin import RecordAdmin
from apps.regions.models import Region, RegionKind
from apps.regions.services import region_save


def region_list_filter(title: str, parameter: str, country: str, apply):
    """An admin list filter on the first-level regions of `country` that includes every
    place below the chosen one. `apply(queryset, regions)` narrows the queryset to rows
    in those regions (see `apps.regions.filters.within_any`)."""

    class RegionWithinListFilter(admin.SimpleListFilter):
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
            return apply(queryset, Region.objects.within(region))

    RegionWithinListFilter.title = title
    RegionWithinListFilter.parameter_name = parameter
    return RegionWithinListFilter


class CountryFilter(admin.SimpleListFilter):
    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return Region.objects.countries().values_list("iso_code", "name_en")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country__iso_code=self.value())
        return queryset


@admin.register(Region)
class RegionAdmin(RecordAdmin):
    list_display = ("name_en", "name_uk", "name_ru", "kind", "iso_code", "parent")
    list_filter = (CountryFilter, "kind", "depth")
    list_select_related = ("parent", "parent__country", "country")
    search_fields = ("name_en", "name_uk", "name_ru", "iso_code")
    autocomplete_fields = ("parent",)
    ordering = ("depth", "name_en")
    fieldsets = (
        (None, {"fields": ("kind", "parent", "iso_code")}),
        ("Names", {"fields": ("name_en", "name_uk", "name_ru")}),
        ("Map", {"classes": ("collapse",), "fields": ("latitude", "longitude")}),
        (None, {"fields": ("notes",)}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        # __str__ names the parent or the country; autocomplete lists need them too.
        return super().get_queryset(request).select_related("parent", "country")

    def save_record(self, obj, user) -> None:
        region_save(region=obj, user=user)
