"""Admin: "Build evidence package" on the incident list, and the record of packages built.

The action is added to the incident admin through its extension point, so cases does not
know this app.
"""

from __future__ import annotations

import tempfile

from django.contrib import admin, messages
from django.http import FileResponse
from django.utils import timezone

from apps.cases.admin import IncidentAdmin
from apps.core.admin import AdminExtension, PolicyAdminMixin, ReadOnlyAdminMixin
from apps.evidence.models import EvidencePackage
from apps.evidence.services import EvidencePackageError, build_package
from apps.evidence.tsa import TimestampError


class EvidencePackageOnIncidentList(AdminExtension):
    def __init__(self) -> None:
        self.actions = (self.build_evidence_package,)

    @admin.action(description="Build evidence package (zip to check offline)", permissions=["view"])
    def build_evidence_package(self, modeladmin, request, queryset):
        """Anyone who may view incidents may take them away as evidence: viewers,
        investigators, reviewers; never an account without that permission."""
        out = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
        try:
            built = build_package(queryset.values_list("pk", flat=True), by=request.user, out=out)
        except (EvidencePackageError, TimestampError) as exc:
            out.close()
            modeladmin.message_user(request, f"No package built: {exc}", messages.ERROR)
            return None
        out.seek(0)
        name = f"evidence-package-{timezone.now():%Y%m%d-%H%M%S}-{built.record.pk}.zip"
        response = FileResponse(out, as_attachment=True, filename=name)
        response["Content-Type"] = "application/zip"
        response["X-Manifest-SHA256"] = built.manifest_sha256
        return response


IncidentAdmin.extend(EvidencePackageOnIncidentList())


@admin.register(EvidencePackage)
class EvidencePackageAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    """The permanent record of packages built: read only, never deleted (a record
    written once, append-only in the database; it has no history of changes)."""

    list_display = ("built_at", "built_by", "incident_ids", "capture_count", "manifest_sha256")
    list_filter = (("built_at", admin.DateFieldListFilter),)
    search_fields = ("manifest_sha256",)
    list_select_related = ("built_by",)
