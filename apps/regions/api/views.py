from apps.core.api.views import RecordViewSet
from apps.regions.api.serializers import RegionSerializer
from apps.regions.filters import RegionFilterSet
from apps.regions.models import Region


class RegionViewSet(RecordViewSet):
    """Places: countries, first-level regions, raions and settlements."""

    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    search_fields = ("name_en", "name_uk", "name_ru", "iso_code")
    ordering_fields = ("id", "name_en", "depth")

    def selector(self):
        return Region.objects.all()
