"""The base of every API endpoint: visibility from one place, no delete, services for
writes, and querysets from selectors that prefetch what the serializer embeds."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from apps.core.api.permissions import ReadForAllWriteForStaff
from apps.core.visibility import Viewer, viewer_for, visible


class RecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; never delete (evidence is not hard-deleted).

    `selector()` says what to read and what to prefetch; which of it the requester may
    see is decided by `apps.core.visibility`, never here or in a subclass.
    """

    permission_classes = [ReadForAllWriteForStaff]

    @property
    def viewer(self) -> Viewer:
        return viewer_for(self.request.user)

    def selector(self) -> QuerySet:  # pragma: no cover - every subclass sets it
        raise NotImplementedError

    def get_queryset(self):
        return visible(self.selector(), viewer=self.viewer)
