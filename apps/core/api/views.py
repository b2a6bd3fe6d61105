"""The base of every API endpoint: visibility from one place, no delete, services for
writes, and querysets from selectors that prefetch what the serializer embeds."""

from __future__ import annotations

from rest_framework import mixins, viewsets

from apps.core.api.permissions import ReadForAllWriteForStaff
from apps.core.visibility import Viewer, viewer_for


class RecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; never delete (evidence is not hard-deleted)."""

    permission_classes = [ReadForAllWriteForStaff]

    @property
    def viewer(self) -> Viewer:
        return viewer_for(self.request.user)

    def selector(self, *, viewer: Viewer):  # pragma: no cover - every subclass sets it
        raise NotImplementedError

    def get_queryset(self):
        return self.selector(viewer=self.viewer)
