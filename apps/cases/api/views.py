"""The incident API: incidents (the document built in bulk), their groups of children
and citations, children statistics and the streamed export, all taking the same
incident filters and answering only for what the requester may see."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import QueryDict, StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.cases.api.export import EXPORT_FORMATS, export_stream
from apps.cases.api.serializers import (
    INCIDENT_DOCUMENTS,
    ChildGroupSerializer,
    CitationSerializer,
    IncidentSerializer,
    PublishSerializer,
    RemovedIncidentSerializer,
    ReviewStepSerializer,
    WithdrawSerializer,
)
from apps.cases.filters import (
    INCIDENT_SEARCH_FIELDS,
    ChildGroupFilterSet,
    CitationFilterSet,
    IncidentFilterSet,
)
from apps.cases.models import ChildGroup, ChildGroupLink, ClaimSide, Incident
from apps.cases.selectors import (
    child_group_detail_list,
    citation_list,
    incident_removed_since,
)
from apps.cases.services import EDIT_PERMISSION, PUBLISH_PERMISSION, incident_transition
from apps.cases.statistics import DIMENSIONS, children_by, claims_in
from apps.cases.totals import children_total
from apps.core.api.errors import bad_request
from apps.core.api.filters import UtcDateTimeField
from apps.core.api.permissions import RolePolicy
from apps.core.api.views import RecordViewSet
from apps.core.visibility import viewer_for, visible


class IncidentViewSet(RecordViewSet):
    """Incidents with their groups of children, officials, organizations and citations
    embedded, both readable and by id. Partners see only published incidents."""

    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    search_fields = INCIDENT_SEARCH_FIELDS
    # Review steps: the policy refuses them before any body is read.
    policy_actions = {
        "submit": EDIT_PERMISSION,
        "return_to_draft": EDIT_PERMISSION,
        "publish": PUBLISH_PERMISSION,
        "withdraw": PUBLISH_PERMISSION,
    }
    ordering_fields = ("id", "occurred_start", "reported_on", "updated_at")

    def selector(self):
        return Incident.objects.all()

    def list(self, request, *args, **kwargs):
        """Filters, search, ordering and the cursor work on the incidents alone; the
        page's documents are then built in bulk (INCIDENT_DOCUMENTS)."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(
            INCIDENT_DOCUMENTS.build((i.pk for i in page), viewer=self.viewer)
        )

    def retrieve(self, request, *args, **kwargs):
        (document,) = INCIDENT_DOCUMENTS.build([self.get_object().pk], viewer=self.viewer)
        return Response(document)

    def _step(self, name: str, body_serializer, **values):
        """Take a review step on the incident; answer with its document."""
        body = body_serializer(data=self.request.data)
        body.is_valid(raise_exception=True)
        incident = self.get_object()
        data = body.validated_data
        incident_transition(
            incident=incident,
            user=self.request.user,
            name=name,
            note=data.get("reason", data.get("note", "")),
            override_reason=data.get("override_reason", ""),
        )
        (document,) = INCIDENT_DOCUMENTS.build([incident.pk], viewer=self.viewer)
        return Response(document)

    @extend_schema(request=ReviewStepSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft (or a withdrawn incident) for review. Investigators."""
        return self._step("submit", ReviewStepSerializer)

    @extend_schema(request=ReviewStepSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, pk=None):
        """Take an incident in review (or withdrawn) back to draft."""
        return self._step("return-to-draft", ReviewStepSerializer)

    @extend_schema(request=PublishSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish an incident in review (or publish a withdrawn one again): partners see
        it from now on. Reviewers only (403 otherwise), and not the last editor of the
        incident, its groups or citations (four eyes, 403). Refused with a 400 listing
        what is missing (`error.fields.checks`) when a group has no citation or a cited
        source has no successful capture, unless `override_reason` says why to publish
        anyway."""
        return self._step("publish", PublishSerializer)

    @extend_schema(request=WithdrawSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a published incident: partners stop seeing it, and learn of it at
        their next sync from incidents/removed/ with the `reason`. Reviewers only."""
        return self._step("withdraw", WithdrawSerializer)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "since",
                OpenApiTypes.DATETIME,
                description="Only removals at or after this time (ISO 8601): the time you "
                "last synced.",
            )
        ],
        responses=RemovedIncidentSerializer(many=True),
        filters=False,
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def removed(self, request):
        """Incidents that were published and no longer are (withdrawn or deleted), for
        incremental sync: after `GET incidents/?updated_since=T`, ask
        `GET incidents/removed/?since=T` and delete your copies of these ids with their
        groups and citations. An incident published again leaves this list and comes
        back in the incident list (its `updated_at` moves)."""
        field = UtcDateTimeField(required=False)
        raw = request.query_params.get("since")
        try:
            since = field.clean(raw) if raw else None
        except DjangoValidationError as error:
            return bad_request("The time does not parse.", {"since": error.messages})
        tombstones = incident_removed_since(since)
        return Response(RemovedIncidentSerializer(tombstones, many=True).data)


class ChildGroupViewSet(RecordViewSet):
    """Groups of children. Partners see only groups of published incidents."""

    serializer_class = ChildGroupSerializer
    filterset_class = ChildGroupFilterSet
    search_fields = ("description", "count_as_stated", "incident__title")
    ordering_fields = ("id", "count_min", "updated_at")

    def selector(self):
        return child_group_detail_list(viewer=self.viewer)


class CitationViewSet(RecordViewSet):
    """Citations: which source an incident cites, for what claim, in what words."""

    serializer_class = CitationSerializer
    filterset_class = CitationFilterSet
    ordering_fields = ("id",)

    def selector(self):
        return citation_list()


def incidents_matching(request) -> QuerySet[Incident]:
    """The incidents the incident list would show for this request: the same filter
    backends (filters, search, visibility), so that statistics and exports answer for
    exactly those. A parameter that does not parse raises a ValidationError (a 400 in
    the one error shape) before anything is computed or streamed."""
    view = IncidentViewSet(request=request, action="list", format_kwarg=None, args=(), kwargs={})
    return view.filter_queryset(view.get_queryset())


# Filters that describe children: in statistics they select the groups themselves.
CHILDREN_FILTERS = ("origin", "destination", "placement", "count_min", "count_max")


def children_matching(request) -> QuerySet[ChildGroup]:
    """The groups of children that statistics count for this request: groups of the
    incidents the list would show, narrowed by the filters that describe children to the
    groups those filters describe. "Children from Luhansk Oblast" are the groups whose
    own origin (or, for a group with none, its incident's) lies in Luhansk Oblast, not
    every group of an incident that has a Luhansk origin somewhere."""
    groups = ChildGroup.objects.filter(incident__in=incidents_matching(request).values("pk"))
    params = request.query_params
    wanted = QueryDict(mutable=True)
    for name in CHILDREN_FILTERS:
        if name in params:
            wanted.setlist(name, params.getlist(name))
    if not wanted:
        return groups
    # The parameters were validated by the incident filters already.
    return ChildGroupFilterSet(wanted, queryset=groups, request=request).qs


CHILD_TOTAL = inline_serializer(
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
    breakdown, and the aggregate claims among them listed beside the total (never added).
    Takes every incident filter; the filters that describe children (origin,
    destination, placement, count_min, count_max) select the groups themselves: a
    group's own places win, a group with none takes its incident's. Partners count
    published incidents only."""

    permission_classes = [RolePolicy]
    policy_model = Incident

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
                "total": CHILD_TOTAL,
                "by": serializers.CharField(allow_null=True),
                "buckets": inline_serializer(
                    "ChildrenBucket",
                    {
                        "key": serializers.CharField(),
                        "label": serializers.CharField(),
                        "children": CHILD_TOTAL,
                    },
                    many=True,
                ),
                "claims": inline_serializer(
                    "AggregateClaim",
                    {
                        "group": serializers.IntegerField(help_text="The claim's group id."),
                        "incident": serializers.IntegerField(),
                        "side": serializers.ChoiceField(
                            choices=ClaimSide.choices, help_text="Who claims it."
                        ),
                        "side_label": serializers.CharField(),
                        "speakers": serializers.ListField(
                            child=serializers.CharField(),
                            help_text="The incident's officials and organizations who stated it.",
                        ),
                        "figure": serializers.CharField(help_text="'700,000', 'at least 19,546'."),
                        "as_stated": serializers.CharField(help_text="In the source's words."),
                        "count_min": serializers.IntegerField(),
                        "count_max": serializers.IntegerField(allow_null=True),
                        "description": serializers.CharField(),
                        "period": serializers.CharField(help_text="When, as the source says."),
                        "reported": serializers.CharField(
                            help_text="When it was reported, at the precision it was given "
                            "('July 2023', 'date unknown')."
                        ),
                        "statement": serializers.CharField(
                            help_text="'Russian authorities (Maria Lvova-Belova) claim a "
                            "total of 700,000 children ... (since 2022)'."
                        ),
                    },
                    many=True,
                    help_text="Aggregate claims among the matching groups: figures one "
                    "side states, shown beside the total and never added into it.",
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
        groups = children_matching(request)
        # Links are followed only between groups this requester may read.
        links = visible(ChildGroupLink.objects.all(), viewer=viewer_for(request.user))
        buckets = children_by(groups, dimension=dimension, links=links) if dimension else []
        return Response(
            {
                "total": children_total(groups, links=links).as_dict(),
                "by": dimension,
                "buckets": [bucket.as_dict() for bucket in buckets],
                "claims": claims_in(groups),
                "note": "Each child is counted once within the total and within each "
                "bucket; a group with several places counts in each of them, so buckets "
                "may add up to more than the total. Figures that include adults are not "
                "added. Aggregate claims (a side's running total, such as Russia's "
                "'700,000 accepted') are not children counted: they are listed under "
                "'claims' with who states them, never added.",
            }
        )


class IncidentExportView(APIView):
    """All incidents matching the filters, streamed: NDJSON (one incident per line, the
    same document as the incident endpoint) or CSV (one row per incident). Takes every
    incident filter; partners export published incidents only."""

    permission_classes = [RolePolicy]
    policy_model = Incident

    @extend_schema(
        filters=True,
        parameters=[
            OpenApiParameter(
                "fmt",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(EXPORT_FORMATS),
                description="ndjson: one incident per line, as the incident endpoint "
                "shows it; csv: one row per incident.",
            )
        ],
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
        },
    )
    def get(self, request, fmt: str):
        matching = incidents_matching(request)
        # `matching` holds only what this viewer may see; the documents are built for
        # exactly those ids.
        response = StreamingHttpResponse(
            export_stream(matching, fmt, viewer=viewer_for(request.user)),
            content_type=EXPORT_FORMATS[fmt],
        )
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        response["Content-Disposition"] = f'attachment; filename="incidents-{stamp}.{fmt}"'
        return response
