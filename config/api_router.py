"""Every API endpoint, versioned under /api/v1/."""

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
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
]
