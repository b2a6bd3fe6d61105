from django_filters import rest_framework as filters

from apps.cases.api.views import IncidentViewSet
from apps.cases.filters import IncidentFilterSet
from apps.cases.selectors import incident_list_for
from apps.core.api.errors import bad_request
from apps.core.api.filters import RejectNulBytes, ToManyMultipleChoiceFilter
from apps.core.api.views import RecordViewSet
from apps.core.visibility import viewer_for
from apps.sources.api.serializers import (
    CitationSerializer,
    IncidentWithCitationsSerializer,
    SourceSerializer,
)
from apps.sources.documents import IncidentDocuments
from apps.sources.models import (
    Availability,
    Language,
    Source,
    SourceKind,
    SpeakerKind,
)
from apps.sources.selectors import (
    citation_list_for,
    incident_with_citations_list_for,
    source_list_for,
)


class SourceFilterSet(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=SourceKind.choices)
    language = filters.MultipleChoiceFilter(choices=Language.choices)
    speaker_kind = filters.MultipleChoiceFilter(choices=SpeakerKind.choices)
    availability = filters.MultipleChoiceFilter(choices=Availability.choices)
    published_after = filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published_on", lookup_expr="lte")
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Source
        fields: list[str] = []


class SourceViewSet(RecordViewSet):
    """Cited documents. Partners see only sources cited by published incidents."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    search_fields = ("url", "url_as_cited", "title", "publisher", "author")
    ordering_fields = ("id", "published_on", "updated_at")

    def selector(self, *, viewer):
        return source_list_for(viewer=viewer).select_related("speaker")


class CitationViewSet(RecordViewSet):
    serializer_class = CitationSerializer
    filterset_fields = ("incident", "source", "cited_in")
    ordering_fields = ("id",)

    def selector(self, *, viewer):
        return citation_list_for(viewer=viewer)


class IncidentWithSourcesFilterSet(IncidentFilterSet):
    source_kind = ToManyMultipleChoiceFilter(
        field_name="citations__source__kind",
        choices=SourceKind.choices,
        help_text="Incidents citing a source of this kind.",
    )
    source_language = ToManyMultipleChoiceFilter(
        field_name="citations__source__language",
        choices=Language.choices,
        help_text="Incidents citing a source in this language.",
    )


class IncidentWithCitationsViewSet(IncidentViewSet):
    __doc__ = IncidentViewSet.__doc__
    serializer_class = IncidentWithCitationsSerializer
    filterset_class = IncidentWithSourcesFilterSet
    search_fields = (*IncidentViewSet.search_fields, "citations__source__url")

    def selector(self, *, viewer):
        return incident_with_citations_list_for(viewer=viewer)

    def list(self, request, *args, **kwargs):
        """A page of documents built in bulk, as the export builds them: the same shape
        as the serializer's (a test compares them field for field), at a fraction of
        the cost. Filters, search, ordering and the cursor work on the incidents
        alone; what they embed is read afterwards, for the page's ids."""
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        page = self.paginate_queryset(queryset)
        ids = [incident.pk for incident in page]
        built = {doc["id"]: doc for doc in IncidentDocuments().build(sorted(ids))}
        return self.get_paginated_response([built[pk] for pk in ids])


def incidents_matching(request):
    """The incidents this request may see that match its filters, or a 400 response.

    Statistics and exports take the same filters as the incident list and answer for
    exactly the incidents that list would show.
    """
    RejectNulBytes().filter_queryset(request, None, None)
    filterset = IncidentWithSourcesFilterSet(
        request.query_params,
        queryset=incident_list_for(viewer=viewer_for(request.user)),
        request=request,
    )
    if not filterset.is_valid():
        return None, bad_request("The request has errors; see the fields.", filterset.errors)
    return filterset.qs, None
