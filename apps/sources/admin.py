from django.contrib import admin

from apps.cases.admin import IncidentAdmin
from apps.cases.models import Incident
from apps.core.admin import COMPACT_TEXT, ReadOnlyInlineMixin, RecordAdmin
from apps.sources.models import Citation, Source
from apps.sources.selectors import source_list
from apps.sources.services import source_save


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


class CitedByInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Citation
    fk_name = "source"
    verbose_name = "citation of this source"
    verbose_name_plural = "cited by"
    fields = ("incident", "cited_in", "footnote", "claim")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("incident", "cited_in")


@admin.register(Source)
class SourceAdmin(RecordAdmin):
    list_display = (
        "__str__",
        "kind",
        "language",
        "published_on",
        "speaker_kind",
        "availability",
        "citation_count",
    )
    list_filter = ("kind", "language", "speaker_kind", "availability")
    search_fields = ("url", "url_as_cited", "title", "publisher", "author", "speaker__name_en")
    date_hierarchy = "published_on"
    autocomplete_fields = ("speaker", "copy_of")
    readonly_fields = (*RecordAdmin.readonly_fields, "url")
    inlines = (CitedByInline,)
    fieldsets = (
        (None, {"fields": ("url_as_cited", "url", "title", ("publisher", "author"))}),
        (None, {"fields": (("kind", "language", "published_on"), ("speaker_kind", "speaker"))}),
        ("Availability", {"fields": ("availability", "availability_note", "copy_of")}),
        (None, {"fields": ("notes",)}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return source_list()

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj: Source) -> int:
        return obj.citation_count

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def save_record(self, obj, user) -> None:
        source_save(source=obj, user=user)


# Citations belong to the sources app (sources depend on cases, not the reverse), so the
# incident page gets its citations inline here.
admin.site.unregister(Incident)


@admin.register(Incident)
class IncidentWithCitationsAdmin(IncidentAdmin):
    inlines = (*IncidentAdmin.inlines, CitationInline)
    search_fields = (*IncidentAdmin.search_fields, "citations__source__url")
