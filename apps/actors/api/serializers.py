from rest_framework import serializers

from apps.actors.models import Official, OfficialPosition, Organization
from apps.core.api.serializers import ServiceModelSerializer
from apps.regions.api.serializers import RegionRefSerializer


class OfficialPositionSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(
        source="organization.name_en", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = OfficialPosition
        fields = ("title", "organization", "organization_name", "region", "start_date", "end_date")


class OfficialSerializer(ServiceModelSerializer):
    name_variants = serializers.SerializerMethodField()
    positions = OfficialPositionSerializer(many=True, read_only=True)

    class Meta:
        model = Official
        fields = (
            "id",
            "name_en",
            "name_uk",
            "name_ru",
            "name_variants",
            "affiliation",
            "positions",
            "wikidata_id",
            "opensanctions_id",
            "created_at",
            "updated_at",
        )

    def get_name_variants(self, obj) -> list[str]:
        return [variant.name for variant in obj.names.all()]


class OrganizationSerializer(ServiceModelSerializer):
    region_detail = RegionRefSerializer(source="region", read_only=True, allow_null=True)

    class Meta:
        model = Organization
        fields = (
            "id",
            "name_en",
            "name_uk",
            "name_ru",
            "acronym",
            "aliases",
            "kind",
            "region",
            "region_detail",
            "parent",
            "wikidata_id",
            "created_at",
            "updated_at",
        )
