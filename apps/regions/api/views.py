from django_filters import rest_framework as filters

from apps.core.api.views import RecordViewSet
from apps.regions.api.serializers import RegionSerializer
from apps.regions.filters import RegionWithinFilter, within_any
from apps.regions.models import Region, RegionKind


class RegionFilterSet(filters.FilterSet):
    kind = filters.MultipleChoiceFilter(choices=RegionKind.choices)
    within = RegionWithinFilter(apply=within_any("pk"))
    country = filters.CharFilter(
        field_name="country__iso_code",
        lookup_expr="iexact",
        help_text="ISO 3166-1 code of the country: UA, RU, BY.",
    )
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Region
        fields: list[str] = []


class RegionViewSet(RecordViewSet):
    """Places: countries, first-level regions, raions and settlements."""

    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    search_fields = ("name_en", "name_uk", "name_ru", "iso_code")
    ordering_fields = ("id", "name_en", "depth")

    def selector(self, *, viewer):
        return Region.objects.all()  # reference data: the same for every viewer
