"""The source page. Apps above sources add to it through `SourceAdmin.extend`: cases
adds who cites the source, archiving adds its captures."""

from django.contrib import admin
from django.db.models import F

from apps.core.admin import ExtensibleAdmin, YearListFilter, clamped, explain_protection
from apps.core.softdelete_admin import SoftDeleteAdmin
from apps.sources.models import Source
from apps.sources.selectors import source_list
from apps.sources.services import source_save


class PublishedInYearFilter(YearListFilter):
    """Sources by the year they were published, and those with no date."""

    title = "published in"
    parameter_name = "published_in"

    def years(self) -> list[int]:
        dates = Source.objects.filter(published_on__isnull=False).dates("published_on", "year")
        return [day.year for day in reversed(dates)]

    def in_year(self, queryset, year: int):
        return queryset.filter(published_on__year=year)

    def without_date(self, queryset):
        return queryset.filter(published_on__isnull=True)


@admin.register(Source)
class SourceAdmin(SoftDeleteAdmin, ExtensibleAdmin):
    list_display = (
        "source_title",
        "kind",
        "language",
        "published",
        "speaker_kind",
        "availability",
    )
    list_display_links = ("source_title",)
    list_filter = ("kind", "language", PublishedInYearFilter, "speaker_kind", "availability")
    search_fields = ("url", "url_as_cited", "title", "publisher", "author", "speaker__name_en")
    # Newest first; sources without a date after the dated ones.
    ordering = (F("published_on").desc(nulls_last=True), "-created_at", "-pk")
    autocomplete_fields = ("speaker", "copy_of")
    readonly_fields = (
        *ExtensibleAdmin.readonly_fields,
        "url",
        "duplicate_of",
        "published_display",
    )
    fieldsets = (
        (
            None,
            {"fields": ("url_as_cited", "url", "duplicate_of", "title", ("publisher", "author"))},
        ),
        (
            None,
            {
                "fields": (
                    ("kind", "language"),
                    ("published_on", "published_precision", "published_display"),
                    ("speaker_kind", "speaker"),
                )
            },
        ),
        ("Availability", {"fields": ("availability", "availability_note", "copy_of")}),
        (None, {"fields": ("notes",)}),
        ExtensibleAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return self.extended(source_list(deleted_too=self.shows_deleted(request)))

    @admin.display(description="source", ordering="title")
    def source_title(self, obj: Source) -> str:
        return clamped(str(obj), tooltip=obj.title or obj.url_as_cited)

    # The date at the precision the source gave it ('March 2025'), never as a day.
    @admin.display(description="published", ordering="published_on")
    def published(self, obj: Source) -> str:
        return obj.published_display if obj.published_on else self.get_empty_value_display()

    @admin.display(description="publication date reads")
    def published_display(self, obj: Source) -> str:
        return obj.published_display

    def save_record(self, obj, user) -> None:
        source_save(source=obj, user=user)


explain_protection(
    Source,
    "speaker",
    how="quotes them as the official speaking",
    instead="Choose another speaker, or none, on those sources first.",
)
explain_protection(
    Source,
    "copy_of",
    how="is an archived copy, repost or screenshot of it",
    instead="Point those copies at the source to keep first.",
)
