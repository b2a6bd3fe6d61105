from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from apps.archiving.models import Capture
from apps.archiving.views import downloads_captures
from apps.core.visibility import viewer_for, visible


class CaptureSerializer(serializers.ModelSerializer):
    """A capture's metadata and hashes. The files are for those who may view captures:
    `warc_download` and `page_download` are null for partners."""

    # Empty when there is none: "" is no URI, so the schema says text, not format uri.
    final_url = serializers.CharField(
        read_only=True, help_text="Where the last redirect led; empty when nothing answered."
    )
    preview_url = serializers.CharField(
        read_only=True,
        help_text="Telegram: the public preview also captured; empty for other sources.",
    )
    payload_stored_in = serializers.SerializerMethodField(
        help_text="Id of the earlier capture whose WARC holds the same payload, when the "
        "requester may read it (else null)."
    )
    warc_download = serializers.SerializerMethodField()
    page_download = serializers.SerializerMethodField()

    class Meta:
        model = Capture
        fields = (
            "id",
            "source",
            "url",
            "fetched_url",
            "requested_at",
            "fetched_at",
            "outcome",
            "error",
            "http_status",
            "final_url",
            "redirect_chain",
            "content_type",
            "content_length",
            "payload_sha256",
            "payload_stored_in",
            "warc_sha256",
            "warc_size",
            "title",
            "text",
            "extraction_error",
            "posted_at",
            "preview_url",
            "worker_version",
            "warc_download",
            "page_download",
        )
        read_only_fields = fields

    def _download(self, obj: Capture, name: str) -> str | None:
        request = self.context["request"]
        if not obj.warc or not downloads_captures(viewer_for(request.user)):
            return None
        return reverse(
            f"api:source-capture-{name}",
            kwargs={"source_pk": obj.source_id, "pk": obj.pk},
            request=request,
        )

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_payload_stored_in(self, obj: Capture) -> int | None:
        if obj.payload_stored_in_id is None:
            return None
        viewer = viewer_for(self.context["request"].user)
        seen = visible(Capture.objects.filter(pk=obj.payload_stored_in_id), viewer=viewer)
        return obj.payload_stored_in_id if seen.exists() else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_warc_download(self, obj: Capture) -> str | None:
        return self._download(obj, "warc")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_page_download(self, obj: Capture) -> str | None:
        return self._download(obj, "page")
