"""Every API endpoint, versioned under /api/v1/."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path

from apps.actors.api.views import OfficialViewSet, OrganizationViewSet
from apps.archiving.api.views import SourceCaptureViewSet
from apps.cases.api.views import (
    ChildGroupViewSet,
    ChildrenStatisticsView,
    CitationViewSet,
    IncidentExportView,
    IncidentViewSet,
)
from apps.core.api.views import RedocView, Router, SchemaView, SwaggerView
from apps.regions.api.views import RegionViewSet
from apps.sources.api.views import SourceViewSet

router = Router()
router.register("regions", RegionViewSet, basename="region")
router.register("officials", OfficialViewSet, basename="official")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("sources", SourceViewSet, basename="source")
router.register(
    r"sources/(?P<source_pk>\d+)/captures", SourceCaptureViewSet, basename="source-capture"
)
router.register("incidents", IncidentViewSet, basename="incident")
router.register("child-groups", ChildGroupViewSet, basename="childgroup")
router.register("citations", CitationViewSet, basename="citation")

urlpatterns = [
    path("", include(router.urls)),
    path("statistics/children/", ChildrenStatisticsView.as_view(), name="statistics-children"),
    re_path(
        r"^export/incidents\.(?P<fmt>ndjson|csv)$",
        IncidentExportView.as_view(),
        name="export-incidents",
    ),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file of its own: the pages
    # need no inline script (the Content-Security-Policy allows none).
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    # ReDoc draws its page with styled-components, which adds <style> elements as it runs,
    # and searches in a worker it makes from a blob: this page alone allows inline style
    # and blob: workers (never inline script). Its footer's logo from a CDN is refused.
    path(
        "redoc/",
        csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
            RedocView.as_view(url_name="api:schema")
        ),
        name="redoc",
    ),
]
