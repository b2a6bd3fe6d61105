"""The incident document and its parts.

`IncidentSerializer` is the one definition of the incident document: the detail and
list endpoints and the NDJSON and CSV exports build it in bulk from this definition
(`INCIDENT_DOCUMENTS`, see apps.core.api.documents), and the OpenAPI schema describes it.
"""

from rest_framework import serializers

from apps.cases.models import (
    ChildGroup,
    Citation,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
)
from apps.cases.services import child_group_save, incident_save
from apps.core.api.documents import SerializerDocuments
from apps.core.api.serializers import ServiceModelSerializer
from apps.regions.api.serializers import RegionRefSerializer
from apps.sources.api.serializers import SourceRefSerializer


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


class CitationSerializer(ServiceModelSerializer):
    source_detail = SourceRefSerializer(source="source", read_only=True)

    class Meta:
        model = Citation
        fields = (
            "id",
            "incident",
            "source",
            "source_detail",
            "child_group",
            "cited_in",
            "footnote",
            "claim",
            "passage",
            "passage_kind",
            "created_at",
            "updated_at",
        )


class EmbeddedCitationSerializer(CitationSerializer):
    class Meta(CitationSerializer.Meta):
        fields = tuple(f for f in CitationSerializer.Meta.fields if f != "incident")


class IncidentSerializer(ServiceModelSerializer):
    """An incident. `occurred_display` and `reported_display` are the dates as a person
    should read them: the source's own words when recorded, else the date at the
    precision it was given (never a day no source gave). `occurred_start`/`occurred_end`
    are the machine span that filters use; each end's precision says how much of it the
    source gave."""

    occurred_display = serializers.CharField(read_only=True)
    occurred_period_display = serializers.CharField(read_only=True)
    reported_display = serializers.CharField(read_only=True)
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
    citations = EmbeddedCitationSerializer(many=True, read_only=True)

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
            "occurred_start_precision",
            "occurred_end_precision",
            "occurred_as_stated",
            "occurred_display",
            "occurred_period_display",
            "reported_on",
            "reported_precision",
            "reported_display",
            "origin_regions",
            "origin_regions_detail",
            "destination_regions",
            "destination_regions_detail",
            "from_occupied_territory",
            "to_occupied_territory",
            "officials_involved",
            "organizations_involved",
            "child_groups",
            "verification_status",
            "is_published",
            "published_at",
            "created_at",
            "updated_at",
            "citations",
        )
        read_only_fields = ("published_at",)

    def save_instance(self, instance, user) -> None:
        incident_save(incident=instance, user=user)


INCIDENT_DOCUMENTS = SerializerDocuments(IncidentSerializer)
