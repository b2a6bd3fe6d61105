from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.admin.widgets import AutocompleteSelect
from django.http import QueryDict
from django.urls import reverse

from apps.core.admin import RecordAdmin, explain_protection
from apps.core.api.filters import parse_id
from apps.regions.models import Region
from apps.regions.services import region_save


class RegionAutocompleteFilter(admin.SimpleListFilter):
    """A list filter on one place, chosen by typing its name in any language (the
    place autocomplete of the record's form), that keeps rows in that place or any
    place below it. It replaces a list of every oblast, krai and republic.

    `field_name` names the model's relation to places whose autocomplete lists them;
    `apply(queryset, regions)` narrows the queryset to rows in those regions (see
    `apps.regions.filters.within_any`).
    """

    template = "admin/regions/region_filter.html"
    field_name = ""

    @staticmethod
    def apply(queryset, regions):
        raise NotImplementedError

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.opts = model._meta
        self.region = None
        region_id = parse_id(self.value()) if self.value() else None
        if region_id is not None:
            self.region = (
                Region.objects.select_related("parent", "country").filter(pk=region_id).first()
            )

    def lookups(self, request, model_admin):
        return ()

    def has_output(self) -> bool:
        return True

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if self.region is None:  # not an id, or no such place: nothing is in it
            return queryset.none()
        return self.apply(queryset, Region.objects.within(self.region))

    def choices(self, changelist):
        kept = QueryDict(
            changelist.get_query_string(remove=[self.parameter_name, PAGE_VAR]).lstrip("?")
        )
        yield {
            "selected": self.value() is not None,
            "region": self.region,
            "unknown": bool(self.value()) and self.region is None,
            "kept": [(name, value) for name, values in kept.lists() for value in values],
            "all": changelist.get_query_string(remove=[self.parameter_name, PAGE_VAR]),
            "url": reverse("admin:autocomplete"),
            "app_label": self.opts.app_label,
            "model_name": self.opts.model_name,
            "field_name": self.field_name,
        }


def region_list_filter(title: str, parameter: str, field_name: str, apply):
    """A `RegionAutocompleteFilter` on `parameter`, titled `title`."""
    return type(
        "RegionWithinListFilter",
        (RegionAutocompleteFilter,),
        {
            "title": title,
            "parameter_name": parameter,
            "field_name": field_name,
            "apply": staticmethod(apply),
        },
    )


class RegionFilterMedia:
    """For a model admin whose list has `region_list_filter`s: the admin's own
    autocomplete scripts (jQuery, select2) and the filter's script."""

    @property
    def media(self):
        autocomplete = AutocompleteSelect(Region._meta.get_field("parent"), admin.site).media
        return (
            super().media
            + autocomplete
            + forms.Media(
                # Listed with what it needs, so that merging keeps it after them.
                js=[
                    "admin/js/jquery.init.js",
                    "admin/js/autocomplete.js",
                    "childtrace/region_filter.js",
                ]
            )
        )


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


for _field in ("parent", "country", "first_level"):
    explain_protection(
        Region,
        _field,
        how="lies in it",
        instead="Move those places under another place first.",
    )
