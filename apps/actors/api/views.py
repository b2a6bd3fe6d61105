from apps.actors.api.serializers import OfficialSerializer, OrganizationSerializer
from apps.actors.filters import OfficialFilterSet, OrganizationFilterSet
from apps.actors.selectors import official_list, organization_list
from apps.core.api.views import RecordViewSet


class OfficialViewSet(RecordViewSet):
    """Officials, with every spelling of their name and their positions over time."""

    serializer_class = OfficialSerializer
    filterset_class = OfficialFilterSet
    search_fields = ("name_en", "name_uk", "name_ru", "names__name")
    ordering_fields = ("id", "name_en", "updated_at")

    def selector(self):
        return official_list()


class OrganizationViewSet(RecordViewSet):
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    search_fields = ("name_en", "name_uk", "name_ru", "acronym", "aliases")
    ordering_fields = ("id", "name_en", "updated_at")

    def selector(self):
        return organization_list()
