from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.cases.models import ChildGroup
from apps.cases.statistics import DIMENSIONS, children_by
from apps.cases.totals import children_total
from apps.core.api.errors import bad_request
from apps.core.api.permissions import ReadForAllWriteForStaff
from apps.sources.api.views import incidents_matching

TOTAL = inline_serializer(
    "ChildTotal",
    {
        "count": serializers.IntegerField(help_text="Sum of minima: what the sources support."),
        "at_least": serializers.BooleanField(help_text="Some part has no upper bound."),
        "approximate": serializers.BooleanField(),
        "maximum": serializers.IntegerField(allow_null=True),
        "groups": serializers.IntegerField(help_text="Groups that contributed."),
    },
)


class ChildrenStatisticsView(APIView):
    """Children in the incidents that match the filters, each counted once, with a
    breakdown. Takes every incident filter; partners count published incidents only."""

    permission_classes = [ReadForAllWriteForStaff]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "by",
                OpenApiTypes.STR,
                enum=list(DIMENSIONS),
                description="Breakdown: destination or origin (first-level region), "
                "placement, or year the incident happened. Without it, only the total.",
            ),
        ],
        responses=inline_serializer(
            "ChildrenStatistics",
            {
                "total": TOTAL,
                "by": serializers.CharField(allow_null=True),
                "buckets": inline_serializer(
                    "ChildrenBucket",
                    {
                        "key": serializers.CharField(),
                        "label": serializers.CharField(),
                        "children": TOTAL,
                    },
                    many=True,
                ),
                "note": serializers.CharField(),
            },
        ),
        filters=True,
    )
    def get(self, request):
        dimension = request.query_params.get("by") or None
        if dimension is not None and dimension not in DIMENSIONS:
            return bad_request(
                "Unknown breakdown.", {"by": [f"Choose one of: {', '.join(DIMENSIONS)}."]}
            )
        incidents, error = incidents_matching(request)
        if error is not None:
            return error
        groups = ChildGroup.objects.filter(incident__in=incidents.values("pk"))
        buckets = children_by(groups, dimension=dimension) if dimension else []
        return Response(
            {
                "total": children_total(groups).as_dict(),
                "by": dimension,
                "buckets": [bucket.as_dict() for bucket in buckets],
                "note": "Each child is counted once within the total and within each "
                "bucket; a group with several places counts in each of them, so buckets "
                "may add up to more than the total. Aggregate claims and figures that "
                "include adults are not added.",
            }
        )
