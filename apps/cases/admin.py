"""The incident page (groups of children, officials, organizations and citations
inline), the child-group list with its total, and what cases adds to the source page:
who cites the source."""

import datetime as dt

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from apps.cases.filters import INCIDENT_SEARCH_FIELDS, groups_in
from apps.cases.models import (
    ChildGroup,
    ChildGroupLink,
    Citation,
    DatePrecision,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
)
from apps.cases.models.groups import OrphanStatus, Share
from apps.cases.review_admin import ReviewOnIncidentPage, review_steps_table
from apps.cases.selectors import child_group_list, incident_list
from apps.cases.services import (
    VERIFY_PERMISSION,
    child_group_links_validate,
    child_group_save,
    incident_save,
)
from apps.cases.statistics import claims_in
from apps.cases.totals import children_total
from apps.core.admin import (
    COMPACT_TEXT,
    AdminExtension,
    ExtensibleAdmin,
    ReadOnlyInlineMixin,
    RecordAdmin,
    YearListFilter,
    clamped,
    explain_protection,
)
from apps.core.permissions import CHANGE, may
from apps.core.softdelete_admin import SoftDeleteAdmin, SoftDeleteInline
from apps.regions.admin import RegionFilterMedia, region_list_filter
from apps.regions.filters import within_any
from apps.sources.admin import SourceAdmin
from apps.sources.models import Source


def claim_words(group: ChildGroup) -> str:
    """'Aggregate claim (Russian authorities), not counted'."""
    return f"Aggregate claim ({group.get_claimed_by_display() or 'side not recorded'}), not counted"


def claim_mark(group: ChildGroup):
    """How an aggregate claim stands out from counted groups on every admin page."""
    if not group.is_aggregate_claim:
        return ""
    return format_html('<mark class="aggregate-claim">{}</mark> ', claim_words(group))


def links_display(group: ChildGroup):
    """'part of 234 children (…)', one line per link, each linking to that group."""
    if group.pk is None:
        return "—"
    links = group.links.all()
    if not links:
        return "—"
    return format_html_join(
        mark_safe("<br>"),
        '{} <a href="{}">{}</a>',
        (
            (
                link.get_relation_display(),
                reverse("admin:cases_childgroup_change", args=[link.counted_in_id]),
                str(link.counted_in),
            )
            for link in links
        ),
    )


class ChildGroupLinkFormSet(forms.BaseInlineFormSet):
    """The group's links are checked together (a loop may need two of them)."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        proposed = [
            (form.cleaned_data["counted_in"], form.cleaned_data["relation"])
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("counted_in") is not None
        ]
        try:
            child_group_links_validate(group=self.instance, links=proposed)
        except ValidationError as error:
            raise ValidationError(error.message_dict["links"]) from None


class ChildGroupLinkInline(admin.TabularInline):
    model = ChildGroupLink
    fk_name = "group"
    formset = ChildGroupLinkFormSet
    extra = 0
    fields = ("relation", "counted_in")
    autocomplete_fields = ("counted_in",)
    verbose_name = "already counted in"
    verbose_name_plural = (
        "already counted in (the same children as, or part of, other groups: totals "
        "count each child once)"
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Removing a link corrects the group (history keeps it): the group's editors may.
        return may(request.user, CHANGE, ChildGroup)


def place_names(regions, *, limit: int = 2) -> str:
    """'Moscow Oblast, Tula Oblast +4': a list cell names the first places only."""
    names = [region.name_en for region in regions]
    shown = ", ".join(names[:limit])
    return f"{shown} +{len(names) - limit}" if len(names) > limit else shown


def route(origins, destinations) -> str:
    """'Donetsk Oblast → Moscow Oblast +5', from prefetched places."""
    origins, destinations = list(origins), list(destinations)
    if not origins and not destinations:
        return ""
    return f"{place_names(origins) or '?'} → {place_names(destinations) or '?'}"


def group_number(group: ChildGroup) -> str:
    """The group's number as stated ('at least 1,500'), marked when totals leave it out."""
    # Alone in a cell, "unknown number of" (made to precede the group's words) says less.
    text = "number unknown" if group.count is None else group.count_display
    if group.is_aggregate_claim:
        return f"{text} (claim)"
    if group.includes_adults:
        return f"{text} (incl. adults)"
    return text


def group_label(group: ChildGroup) -> str:
    """'39 children sent for treatment': the group's number and words, without its
    incident (which a page around it names)."""
    return f"{group.count_display} {group.description}".strip()


class ChildGroupInline(SoftDeleteInline, admin.StackedInline):
    model = ChildGroup
    fk_name = "incident"
    extra = 0
    formfield_overrides = COMPACT_TEXT
    autocomplete_fields = ("origin_regions", "destination_regions", "facility")
    readonly_fields = ("claim", "already_counted_in")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "description",
                    ("count_qualifier", "count", "count_upper"),
                    "count_as_stated",
                    ("includes_adults", "is_aggregate_claim", "claimed_by"),
                    ("age_min", "age_max", "ages_as_stated"),
                    "placement",
                    "facility",
                    ("origin_regions", "destination_regions"),
                    ("accompanied", "accompanied_note"),
                    ("orphan_status", "with_disabilities", "siblings"),
                    "notes",
                )
            },
        ),
    )

    def get_fieldsets(self, request, obj=None):
        # On the incident page: whether a group is a claim, and its links (edited on the
        # group's own page, where they are an inline of their own).
        ((name, options),) = self.fieldsets
        fields = ("claim", *options["fields"], "already_counted_in")
        return ((name, {**options, "fields": (*fields, *self.deletion_fields(request, obj))}),)

    @admin.display(description="counted?")
    def claim(self, obj: ChildGroup):
        return claim_mark(obj) or "Counted in totals"

    @admin.display(description="already counted in")
    def already_counted_in(self, obj: ChildGroup):
        if obj.pk is None:
            return "Save first; then add links on the group's page."
        url = reverse("admin:cases_childgroup_change", args=[obj.pk])
        return format_html('{}<br><a href="{}">Edit links</a>', links_display(obj), url)


class IncidentOfficialInline(admin.TabularInline):
    model = IncidentOfficial
    extra = 0
    autocomplete_fields = ("official",)


class IncidentOrganizationInline(admin.TabularInline):
    model = IncidentOrganization
    extra = 0
    autocomplete_fields = ("organization",)


class CitationInline(SoftDeleteInline, admin.StackedInline):
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

    def get_fields(self, request, obj=None):
        return (*self.fields, *self.deletion_fields(request, obj))


class HappenedInYearFilter(YearListFilter):
    """Incidents whose period overlaps a year, 'since' periods included: the span decides."""

    title = "happened in"
    parameter_name = "happened_in"

    def years(self) -> list[int]:
        span = Incident.objects.aggregate(
            first=Min("occurred_start"), last=Max("occurred_end"), since=Max("occurred_start")
        )
        if span["first"] is None:
            return []
        last = max(d for d in (span["last"], span["since"]) if d is not None)
        return list(range(last.year, span["first"].year - 1, -1))

    def in_year(self, queryset, year: int):
        return queryset.filter(
            Q(occurred_end__gte=dt.date(year, 1, 1)) | Q(occurred_precision=DatePrecision.SINCE),
            occurred_start__lte=dt.date(year, 12, 31),
        )

    def without_date(self, queryset):
        return queryset.filter(occurred_precision=DatePrecision.UNKNOWN)


@admin.register(Incident)
class IncidentAdmin(SoftDeleteAdmin, RegionFilterMedia, ExtensibleAdmin):
    # What a person scans for, in columns that fit a 1366 px laptop beside the filters.
    list_display = (
        "headline",
        "incident_type",
        "occurred",
        "children",
        "route",
        "verification_status",
        "status",
    )
    list_display_links = ("headline",)
    # Newest first: by when it was reported, then entered; undated ones after the dated.
    ordering = (F("reported_on").desc(nulls_last=True), "-created_at", "-pk")
    list_filter = (
        "incident_type",
        "status",
        "verification_status",
        region_list_filter(
            "origin (incl. places below)", "origin", "origin_regions", within_any("origin_regions")
        ),
        region_list_filter(
            "destination (incl. places below)",
            "destination",
            "destination_regions",
            within_any("destination_regions"),
        ),
        HappenedInYearFilter,
        "occurred_precision",
        "to_occupied_territory",
    )
    search_fields = INCIDENT_SEARCH_FIELDS
    autocomplete_fields = ("origin_regions", "destination_regions")
    readonly_fields = (
        *RecordAdmin.readonly_fields,
        "status",
        "published_at",
        "children_total",
        "review_steps",
    )
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
                    ("status", "published_at"),
                    "verification_status",
                    "children_total",
                    "notes",
                    "review_steps",
                )
            },
        ),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return incident_list(deleted_too=self.shows_deleted(request))

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Whether the evidence is verified is a reviewer's call (cases.verify_incident).
        if not may(request.user, VERIFY_PERMISSION, Incident):
            fields = (*fields, "verification_status")
        return fields

    @admin.display(description="review steps")
    def review_steps(self, obj: Incident):
        return review_steps_table(obj)

    @admin.display(description="title", ordering="title")
    def headline(self, obj: Incident) -> str:
        return clamped(obj.title)

    @admin.display(description="occurred / reported", ordering="reported_on")
    def occurred(self, obj: Incident) -> str:
        # Each at the precision its source gave: no day appears that no source gave.
        return format_html(
            '{}<span class="ct-quiet">reported {}</span>',
            clamped(obj.occurred_display, lines=2),
            obj.reported_display,
        )

    @admin.display(description="children", ordering="group_count")
    def children(self, obj: Incident) -> str:
        """Each group's number as the source states it, one a line (the incident page
        and the group list give the total that counts each child once)."""
        numbers = [group_number(group) for group in obj.child_groups.all()]
        if len(numbers) > 3:
            numbers[2:] = [f"+{len(numbers) - 2} more groups"]
        # One number a line: a number and its mark never break apart.
        return format_html_join(
            mark_safe(""), '<span class="ct-line">{}</span>', ((n,) for n in numbers)
        )

    @admin.display(description="origin → destination")
    def route(self, obj: Incident) -> str:
        return clamped(route(obj.origin_regions.all(), obj.destination_regions.all()))

    @admin.display(description="children (each counted once)")
    def children_total(self, obj: Incident):
        if obj.pk is None:
            return "—"
        groups = obj.child_groups.all()
        claims = claims_in(groups)
        if not claims:
            return str(children_total(groups))
        return format_html(
            "{}<br>Beside it, not added: {}",
            str(children_total(groups)),
            format_html_join(
                "; ",
                '<mark class="aggregate-claim">{}</mark>',
                ((claim["statement"],) for claim in claims),
            ),
        )

    def save_record(self, obj, user) -> None:
        incident_save(incident=obj, user=user)


IncidentAdmin.extend(ReviewOnIncidentPage())


@admin.register(ChildGroup)
class ChildGroupAdmin(SoftDeleteAdmin, RegionFilterMedia, RecordAdmin):
    list_display = ("group", "incident_title", "route", "placed", "linked_to")
    inlines = (ChildGroupLinkInline,)
    ordering = (F("incident__reported_on").desc(nulls_last=True), "-created_at", "-pk")
    list_filter = (
        "placement",
        "count_qualifier",
        "accompanied",
        "orphan_status",
        "is_aggregate_claim",
        "claimed_by",
        "incident__incident_type",
        region_list_filter(
            "origin (incl. places below)", "origin", "origin_regions", groups_in("origin")
        ),
        region_list_filter(
            "destination (incl. places below)",
            "destination",
            "destination_regions",
            groups_in("destination"),
        ),
    )
    search_fields = ("description", "count_as_stated", "incident__title", "notes")
    autocomplete_fields = (
        "incident",
        "origin_regions",
        "destination_regions",
        "facility",
    )
    fieldsets = (
        (None, {"fields": ("incident", *ChildGroupInline.fieldsets[0][1]["fields"])}),
        RecordAdmin.record_fieldset,
    )
    change_list_template = "admin/cases/childgroup/change_list.html"

    def get_queryset(self, request):
        return child_group_list(deleted_too=self.shows_deleted(request))

    @admin.display(description="group")
    def group(self, obj: ChildGroup) -> str:
        text = group_label(obj)
        if obj.is_aggregate_claim:
            # The list keeps it to three lines; the side is in the mark's tooltip and
            # in the "claimed by" filter.
            return format_html(
                '{}<span class="ct-quiet">'
                '<mark class="aggregate-claim" title="{}">{}</mark></span>',
                clamped(text, lines=2),
                claim_words(obj),
                "claim, not added",
            )
        if obj.includes_adults:
            note = "with adults, not added"
            return format_html('{}<span class="ct-quiet">{}</span>', clamped(text, lines=2), note)
        return clamped(text)

    @admin.display(description="incident", ordering="incident__title")
    def incident_title(self, obj: ChildGroup) -> str:
        return clamped(str(obj.incident))

    @admin.display(description="origin → destination")
    def route(self, obj: ChildGroup) -> str:
        # A group's own places win; without them the incident's are theirs.
        origins = obj.origin_regions.all() or obj.incident.origin_regions.all()
        destinations = obj.destination_regions.all() or obj.incident.destination_regions.all()
        return clamped(route(origins, destinations))

    @admin.display(description="placement", ordering="placement")
    def placed(self, obj: ChildGroup) -> str:
        """The placement, and below it what is known of orphans and companions."""
        known = []
        if obj.orphan_status != OrphanStatus.UNKNOWN:
            known.append(obj.get_orphan_status_display())
        if obj.accompanied != Share.UNKNOWN:
            known.append(f"accompanied: {obj.get_accompanied_display().lower()}")
        if not known:
            return obj.get_placement_display()
        return format_html(
            '{}<span class="ct-quiet">{}</span>', obj.get_placement_display(), "; ".join(known)
        )

    @admin.display(description="already counted in")
    def linked_to(self, obj: ChildGroup):
        # At most three lines in the list; every link in the tooltip and on the group's page.
        links = [f"{link.get_relation_display()} {link.counted_in}" for link in obj.links.all()]
        if not links:
            return "—"
        return format_html(
            '<span class="ct-clamp" title="{}">{}</span>', "; ".join(links), links_display(obj)
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            queryset: QuerySet[ChildGroup] = changelist.queryset
            response.context_data["children_total"] = children_total(queryset)
            response.context_data["claims"] = claims_in(queryset)
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
        live = Q(citations__deleted_at__isnull=True)
        return queryset.annotate(citation_count=Count("citations", filter=live, distinct=True))

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj: Source) -> int:
        return obj.citation_count


SourceAdmin.extend(CitationsOnSourcePage())


# What an incident, a group or a citation means to the official, organization or source
# someone tries to delete.
explain_protection(
    ChildGroup,
    "facility",
    how=lambda group: f"its group “{group_label(group)}” is held there (its facility)",
    record=lambda group: group.incident,
    instead="Choose another facility for those groups, or none, on their incidents' pages.",
)
explain_protection(
    IncidentOrganization,
    "organization",
    record=lambda involved: involved.incident,
    how=lambda involved: (
        f"names it among the organizations involved ({involved.get_role_display().lower()})"
    ),
    instead="Remove it from the organizations involved in those incidents, or choose "
    "the right organization there.",
)
explain_protection(
    IncidentOfficial,
    "official",
    record=lambda involved: involved.incident,
    how=lambda involved: (
        f"names them among the officials involved ({involved.get_role_display().lower()})"
    ),
    instead="Remove them from the officials involved in those incidents, or choose the "
    "right official there.",
)
_PLACE_ROLES = {"origin_regions": "came from", "destination_regions": "were taken to"}
for _places, _went in _PLACE_ROLES.items():
    explain_protection(
        getattr(Incident, _places).through,
        "region",
        record=lambda link: link.incident,
        how=f"names it as a place the children {_went}",
        instead="Remove the place from those incidents and groups, or choose the place "
        "that replaces it there, first.",
    )
    explain_protection(
        getattr(ChildGroup, _places).through,
        "region",
        record=lambda link: link.childgroup.incident,
        how=lambda link, went=_went: (
            f"its group “{group_label(link.childgroup)}” names it as a place the children {went}"
        ),
        instead="Remove the place from those incidents and groups, or choose the place "
        "that replaces it there, first.",
    )
explain_protection(
    Citation,
    "source",
    record=lambda citation: citation.incident,
    how=lambda citation: f"cites it for “{citation.claim}”" if citation.claim else "cites it",
    instead="A cited source is evidence and stays. If it is a duplicate, cite the source to "
    "keep in those incidents first.",
)
explain_protection(
    Citation,
    "cited_in",
    record=lambda citation: citation.incident,
    how=lambda citation: f"cites its footnote {citation.footnote}".rstrip(),
    instead="Choose another report for those footnotes in the incidents' citations first.",
)
