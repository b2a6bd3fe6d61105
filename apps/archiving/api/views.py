from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action

from apps.archiving.api.serializers import CaptureSerializer
from apps.archiving.models import Capture
from apps.archiving.selectors import capture_list_for
from apps.archiving.views import capture_page_response, capture_warc_response
from apps.core.api.permissions import RolePolicy
from apps.core.permissions import VIEW
from apps.core.visibility import viewer_for

SOURCE_PK = OpenApiParameter("source_pk", OpenApiTypes.INT, OpenApiParameter.PATH)


@extend_schema_view(
    list=extend_schema(parameters=[SOURCE_PK]), retrieve=extend_schema(parameters=[SOURCE_PK])
)
class SourceCaptureViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Captures of one source, newest first: what the archiver fetched and when, with
    the SHA-256 of the payload and of the WARC file. The files are for those who may
    view captures (not partners): the view permission, not the published subset."""

    serializer_class = CaptureSerializer
    permission_classes = [RolePolicy]
    policy_actions = {"warc": VIEW, "page": VIEW}
    filterset_fields = ("outcome",)
    ordering_fields = ("id", "requested_at")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no URL kwargs
            return Capture.objects.none()
        return capture_list_for(viewer=viewer_for(self.request.user)).filter(
            source_id=self.kwargs["source_pk"]
        )

    def _capture_for_files(self) -> Capture:
        return self.get_object()  # 404 unless it is a capture of this source

    @extend_schema(parameters=[SOURCE_PK], responses={(200, "application/warc"): bytes})
    @action(detail=True, url_path="warc")
    def warc(self, request, source_pk=None, pk=None):
        """The WARC file (gzipped WARC/1.1); its SHA-256 is in X-Content-SHA256."""
        return capture_warc_response(self._capture_for_files())

    @extend_schema(
        parameters=[SOURCE_PK],
        responses={(200, "text/html"): bytes, (200, "application/octet-stream"): bytes},
    )
    @action(detail=True, url_path="page")
    def page(self, request, source_pk=None, pk=None):
        """The archived document: HTML sandboxed (CSP sandbox, no script), else a download."""
        return capture_page_response(self._capture_for_files())
