"""The base of every API endpoint: permissions and visibility from one place each, no
delete, services for writes, and querysets from selectors that prefetch what the
serializer embeds; and the pages that describe the API."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import mixins, routers, viewsets

from apps.core.api.permissions import RolePolicy
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

    permission_classes = [RolePolicy]

    @property
    def viewer(self) -> Viewer:
        return viewer_for(self.request.user)

    def selector(self) -> QuerySet:  # pragma: no cover - every subclass sets it
        raise NotImplementedError

    def get_queryset(self):
        return visible(self.selector(), viewer=self.viewer)


class DescribesTheAPI:
    """The schema, its documentation pages and the API root: what the API offers, read
    by anyone (a partner reads the documentation in a browser, without its key)."""

    permission_classes = [RolePolicy]
    describes_api = True


class SchemaView(DescribesTheAPI, SpectacularAPIView):
    pass


class SwaggerView(DescribesTheAPI, SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script served as a file (no inline script)."""


class RedocView(DescribesTheAPI, SpectacularRedocView):
    pass


class APIRootView(DescribesTheAPI, routers.APIRootView):
    pass


class Router(routers.DefaultRouter):
    APIRootView = APIRootView
