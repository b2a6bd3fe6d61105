from rest_framework import serializers

from apps.cases.models import (
    ChildGroup,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
    Official,
    OfficialPosition,
    Organization,
)
from apps.cases.services import child_group_save, incident_save
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


class OfficialRefSerializer(serializers.ModelSerializer):
    official = serializers.IntegerField(source="official_id")
    name = serializers.CharField(source="official.name_en")

    class Meta:
        model = IncidentOfficial
        fields = ("official", "name", "role", "position_title", "note")


class OrganizationRefSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="organization_id")
    name = serializers.CharField(source="organization.name_en")

    class Meta:
        model = IncidentOrganization
        fields = ("organization", "name", "role", "note")


class ChildGroupSerializer(ServiceModelSerializer):
    """A group of children. Places and links are given by id; `*_detail` fields repeat
    them in readable form. `count_min`/`count_max` are the machine form of the number."""

    count_display = serializers.CharField(read_only=True)
    origin_regions_detail = RegionRefSerializer(source="origin_regions", many=True, read_only=True)
    destination_regions_detail = RegionRefSerializer(
        source="destination_regions", many=True, read_only=True
    )
    facility_name = serializers.CharField(
        source="facility.name_en", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = ChildGroup
        fields = (
            "id",
            "incident",
            "description",
            "count_qualifier",
            "count",
            "count_upper",
            "count_as_stated",
            "count_min",
            "count_max",
            "count_display",
            "includes_adults",
            "is_aggregate_claim",
            "age_min",
            "age_max",
            "ages_as_stated",
            "placement",
            "facility",
            "facility_name",
            "origin_regions",
            "origin_regions_detail",
            "destination_regions",
            "destination_regions_detail",
            "accompanied",
            "accompanied_note",
            "orphan_status",
            "with_disabilities",
            "siblings",
            "parent_group",
            "relation_to_parent",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("count_min", "count_max")

    def save_instance(self, instance, user) -> None:
        child_group_save(group=instance, user=user)


class EmbeddedChildGroupSerializer(ChildGroupSerializer):
    class Meta(ChildGroupSerializer.Meta):
        fields = tuple(f for f in ChildGroupSerializer.Meta.fields if f != "incident")


class IncidentSerializer(ServiceModelSerializer):
    occurred_display = serializers.CharField(read_only=True)
    origin_regions_detail = RegionRefSerializer(source="origin_regions", many=True, read_only=True)
    destination_regions_detail = RegionRefSerializer(
        source="destination_regions", many=True, read_only=True
    )
    officials_involved = OfficialRefSerializer(
        source="incidentofficial_set", many=True, read_only=True
    )
    organizations_involved = OrganizationRefSerializer(
        source="incidentorganization_set", many=True, read_only=True
    )
    child_groups = EmbeddedChildGroupSerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = (
            "id",
            "title",
            "incident_type",
            "summary",
            "occurred_start",
            "occurred_end",
            "occurred_precision",
            "occurred_as_stated",
            "occurred_display",
            "reported_on",
            "reported_precision",
            "origin_regions",
            "origin_regions_detail",
            "destination_regions",
            "destination_regions_detail",
            "from_occupied_territory",
            "officials_involved",
            "organizations_involved",
            "child_groups",
            "verification_status",
            "is_published",
            "published_at",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("published_at",)

    def save_instance(self, instance, user) -> None:
        incident_save(incident=instance, user=user)
