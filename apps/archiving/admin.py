"""Admin: capture history on the source page, "archive now", captures and jobs (read only).

Captures are evidence: nobody edits or deletes them here.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from apps.archiving.models import Capture, CaptureJob, JobKind, Outcome
from apps.archiving.selectors import source_archive_status
from apps.archiving.services import capture_request, capture_request_many
from apps.archiving.views import capture_for_files, capture_page_response, capture_warc_response
from apps.core.admin import (
    AdminExtension,
    HistoryAdmin,
    PolicyAdminMixin,
    ReadOnlyAdminMixin,
    ReadOnlyInlineMixin,
    explain_protection,
)
from apps.core.api.filters import parse_id
from apps.core.permissions import CHANGE, may
from apps.core.visibility import viewer_for
from apps.sources.admin import SourceAdmin
from apps.sources.models import Source


class ReadOnlyAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, HistoryAdmin):
    def get_readonly_fields(self, request, obj=None):
        # Every field shown is read only, also on a past version's page (whose form
        # django-simple-history builds without asking whether the user may change).
        if self.fieldsets:
            shown = flatten_fieldsets(self.fieldsets)
        else:
            shown = self.fields or [field.name for field in self.model._meta.fields]
        return tuple(dict.fromkeys([*super().get_readonly_fields(request, obj), *shown]))


def capture_links(capture: Capture) -> str:
    if not capture.warc:
        return "—"
    links = [(reverse("admin:archiving_capture_warc", args=[capture.pk]), "WARC")]
    if capture.payload_record_id or capture.payload_stored_in_id:
        links.append((reverse("admin:archiving_capture_page", args=[capture.pk]), "archived copy"))
    return format_html(
        " · ".join(['<a href="{}">{}</a>'] * len(links)), *[x for pair in links for x in pair]
    )


class CaptureColumns:
    @admin.display(description="SHA-256")
    def short_sha256(self, obj: Capture) -> str:
        return obj.payload_sha256[:12]

    @admin.display(description="files")
    def files(self, obj: Capture) -> str:
        return capture_links(obj)


@admin.register(Capture)
class CaptureAdmin(CaptureColumns, ReadOnlyAdmin):
    list_display = (
        "requested_at",
        "source",
        "outcome",
        "http_status",
        "content_type",
        "content_length",
        "short_sha256",
        "files",
    )
    list_filter = ("outcome", "job__kind", ("requested_at", admin.DateFieldListFilter))
    search_fields = ("url", "final_url", "payload_sha256", "warc_sha256", "title")
    list_select_related = ("source",)
    date_hierarchy = "requested_at"
    fieldsets = (
        (None, {"fields": ("source", "url", "fetched_url", "outcome", "error", "files")}),
        (
            "Exchange",
            {
                "fields": (
                    ("requested_at", "fetched_at"),
                    ("http_status", "peer_ip"),
                    "final_url",
                    "redirect_chain",
                    ("content_type", "content_length"),
                    "response_headers",
                )
            },
        ),
        (
            "Fixity",
            {
                "fields": (
                    "payload_sha256",
                    "payload_stored_in",
                    "warc",
                    "warc_sha256",
                    "warc_size",
                    "payload_record_id",
                    "worker_version",
                )
            },
        ),
        (
            "Content",
            {"fields": ("title", "posted_at", "preview_url", "extraction_error", "text")},
        ),
    )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/warc/", wrap(self.warc_view), name="archiving_capture_warc"),
            path("<int:pk>/page/", wrap(self.page_view), name="archiving_capture_page"),
            *super().get_urls(),
        ]

    def warc_view(self, request, pk: int):
        return capture_warc_response(capture_for_files(viewer=viewer_for(request.user), pk=pk))

    def page_view(self, request, pk: int):
        return capture_page_response(capture_for_files(viewer=viewer_for(request.user), pk=pk))


@admin.register(CaptureJob)
class CaptureJobAdmin(ReadOnlyAdmin):
    list_display = (
        "requested_at",
        "source",
        "kind",
        "status",
        "attempts",
        "crashes",
        "not_before",
        "short_last_error",
    )
    list_filter = ("status", "kind")
    list_select_related = ("source",)
    search_fields = ("url",)

    @admin.display(description="last error")
    def short_last_error(self, obj: CaptureJob) -> str:
        return Truncator(obj.last_error).chars(120)


class CaptureInline(CaptureColumns, ReadOnlyInlineMixin, admin.TabularInline):
    model = Capture
    fk_name = "source"
    verbose_name_plural = "capture history"
    fields = ("requested_at", "outcome", "http_status", "title", "short_sha256", "files", "error")
    readonly_fields = fields
    show_change_link = True


class ArchiveOnSourcePage(AdminExtension):
    """On the source page: archive status, capture history, the last capture's outcome
    as a column, and "archive now"."""

    inlines = (CaptureInline,)

    def __init__(self) -> None:
        self.list_display = (self.last_capture,)
        self.readonly_fields = (self.archive_status,)
        self.fieldsets = (("Archive", {"fields": (self.archive_status,)}),)
        self.actions = (self.archive_now,)

    def annotate(self, queryset):
        latest = Capture.objects.filter(source=OuterRef("pk")).order_by("-requested_at")
        return queryset.annotate(last_capture_outcome=Subquery(latest.values("outcome")[:1]))

    @admin.display(description="last capture", ordering="last_capture_outcome")
    def last_capture(self, obj) -> str:
        outcome = getattr(obj, "last_capture_outcome", None)
        return Outcome(outcome).label if outcome else "—"

    @admin.display(description="archive")
    def archive_status(self, obj) -> str:
        return source_archive_status(obj).text if obj.pk else "Archived after saving."

    def get_urls(self, model_admin) -> list:
        def archive_now(request, object_id):
            return self.archive_now_view(request, object_id, model_admin=model_admin)

        wrapped = model_admin.admin_site.admin_view(require_POST(archive_now))
        return [path("<path:object_id>/archive/", wrapped, name="sources_source_archive")]

    def object_tools(self, model_admin, request, obj) -> list[tuple[str, str]]:
        """'Archive now' on the source's page, or 'Retry capture' after a failed one, for
        those who may change sources."""
        if not obj.url or obj.is_deleted or not may(request.user, CHANGE, Source):
            return []  # a deleted source is not fetched: restore it first
        failed = source_archive_status(obj).state == "failed"
        label = "Retry capture" if failed else "Archive now"
        return [(label, reverse("admin:sources_source_archive", args=[obj.pk]))]

    def archive_now_view(self, request, object_id, *, model_admin):
        """Queue a capture of one source (its 'Archive now' or 'Retry capture' button)."""
        if not may(request.user, CHANGE, Source):
            raise PermissionDenied
        source = model_admin.get_object(request, unquote(object_id))
        if source is None and model_admin.has_restore_permission(request):
            # Those who see deleted sources are told why nothing is queued.
            source = Source.all_objects.deleted().filter(pk=parse_id(unquote(object_id))).first()
        if source is None:
            raise Http404("No source with that id.")
        page = reverse("admin:sources_source_change", args=[source.pk])
        if source.is_deleted:
            model_admin.message_user(
                request,
                "This source is deleted: it is not archived. Restore it first, then ask "
                "for a capture.",
                messages.WARNING,
            )
            return HttpResponseRedirect(page)
        if not source.url:
            model_admin.message_user(
                request, "This source has no URL: there is nothing to archive.", messages.WARNING
            )
            return HttpResponseRedirect(page)
        waiting = CaptureJob.objects.open().filter(source=source).exists()
        capture_request(source=source, user=request.user, kind=JobKind.AGAIN)
        if waiting:
            text = "A capture of this source was already queued; it is not queued twice."
        else:
            text = "Capture queued. The archive status below shows when it is done."
        model_admin.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(page)

    @admin.action(
        description="Archive now (capture the chosen sources again)", permissions=["change"]
    )
    def archive_now(self, modeladmin, request, queryset):
        queued = capture_request_many(sources=queryset, user=request.user, kind=JobKind.AGAIN)
        modeladmin.message_user(
            request,
            f"{queued} capture(s) queued; sources without a URL, and deleted ones, were skipped.",
            messages.SUCCESS,
        )


SourceAdmin.extend(ArchiveOnSourcePage())


explain_protection(
    Capture,
    "source",
    how="is a capture of it: evidence, never deleted",
    instead="A source with captures stays, with them: mark it removed or correct it instead.",
)
explain_protection(
    CaptureJob,
    "source",
    how="is a job that captures it",
    instead="A source with captures stays, with them: mark it removed or correct it instead.",
)
