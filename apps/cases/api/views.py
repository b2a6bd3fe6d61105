from apps.cases.api.serializers import (
    ChildGroupSerializer,
    IncidentSerializer,
    OfficialSerializer,
    OrganizationSerializer,
)
from apps.cases.filters import (
    INCIDENT_SEARCH_FIELDS,
    ChildGroupFilterSet,
    IncidentFilterSet,
    OfficialFilterSet,
    OrganizationFilterSet,
)
from apps.cases.selectors import (
    child_group_detail_list_for,
    incident_detail_list_for,
    official_list,
    organization_list,
)
from apps.core.api.views import RecordViewSet


class OfficialViewSet(RecordViewSet):
    """Officials, with every spelling of their name and their positions over time."""

    serializer_class = OfficialSerializer
    filterset_class = OfficialFilterSet
    search_fields = ("name_en", "name_uk", "name_ru", "names__name")
    ordering_fields = ("id", "name_en", "updated_at")

    def selector(self, *, viewer):
        return official_list()


class OrganizationViewSet(RecordViewSet):
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    search_fields = ("name_en", "name_uk", "name_ru", "acronym", "aliases")
    ordering_fields = ("id", "name_en", "updated_at")

    def selector(self, *, viewer):
        return organization_list()


class ChildGroupViewSet(RecordViewSet):
    """Groups of children. Partners see only groups of published incidents."""

    serializer_class = ChildGroupSerializer
    filterset_class = ChildGroupFilterSet
    search_fields = ("description", "count_as_stated", "incident__title")
    ordering_fields = ("id", "count_min", "updated_at")

    def selector(self, *, viewer):
        return child_group_detail_list_for(viewer=viewer)


class IncidentViewSet(RecordViewSet):
    """Incidents with their groups of children, officials and organizations embedded,
    both readable and by id. Partners see only published incidents."""

    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    search_fields = INCIDENT_SEARCH_FIELDS
    ordering_fields = ("id", "occurred_start", "reported_on", "updated_at")

    def selector(self, *, viewer):
        return incident_detail_list_for(viewer=viewer)
