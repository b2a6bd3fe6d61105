"""The incident document and its parts.

`IncidentSerializer` is the one definition of the incident document: the detail and
list endpoints and the NDJSON and CSV exports build it in bulk from this definition
(`INCIDENT_DOCUMENTS`, see apps.core.api.documents), and the OpenAPI schema describes it.
"""

from rest_framework import serializers

from apps.cases.models import (
    ChildGroup,
    ChildGroupLink,
    Citation,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
)
from apps.cases.services import child_group_save, incident_save
from apps.core.api.documents import SerializerDocuments
from apps.core.api.serializers import IdRelatedField, ServiceModelSerializer
from apps.core.visibility import viewer_for, visible
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


class VisibleGroupField(IdRelatedField):
    """A group by id, among the groups the writer may see."""

    def get_queryset(self):
        request = self.context.get("request")
        viewer = viewer_for(getattr(request, "user", None))
        return visible(ChildGroup.objects.all(), viewer=viewer)


class ChildGroupLinkSerializer(serializers.ModelSerializer):
    """These children are already counted in another group: the same children
    (reported twice) or part of it (inside a larger figure)."""

    counted_in = VisibleGroupField(help_text="Id of the group that already counts them.")
    counted_in_incident = serializers.IntegerField(
        source="counted_in.incident_id",
        read_only=True,
        help_text="The incident of that group.",
    )

    class Meta:
        model = ChildGroupLink
        fields = ("counted_in", "relation", "counted_in_incident")


class ChildGroupSerializer(ServiceModelSerializer):
    """A group of children. Places and links are given by id; `*_detail` fields repeat
    them in readable form. `count_min`/`count_max` are the machine form of the number.

    An aggregate claim (`is_aggregate_claim`, with `claimed_by`) is a figure one side
    states, not children counted: totals leave it out. `links` lists the groups that
    already count these children; writing `links` replaces them (all or nothing)."""

    count_display = serializers.CharField(read_only=True)
    origin_regions_detail = RegionRefSerializer(source="origin_regions", many=True, read_only=True)
    destination_regions_detail = RegionRefSerializer(
        source="destination_regions", many=True, read_only=True
    )
    facility_name = serializers.CharField(
        source="facility.name_en", read_only=True, allow_null=True, default=None
    )
    links = ChildGroupLinkSerializer(
        many=True,
        required=False,
        help_text="Groups that already count these children: any number of 'same' and "
        "'part' links. Writing it replaces the group's links; omit it to keep them.",
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
            "claimed_by",
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
            "links",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("count_min", "count_max")

    def validate_links(self, links: list[dict]) -> list[dict]:
        # A PATCH makes nested fields optional; a link still needs both.
        for link in links:
            missing = [name for name in ("counted_in", "relation") if name not in link]
            if missing:
                raise serializers.ValidationError(
                    f"Each link needs 'counted_in' and 'relation'; this field is required: "
                    f"{', '.join(missing)}."
                )
        return links

    def create(self, validated_data):
        self._links = _link_specs(validated_data.pop("links", None))
        return super().create(validated_data)

    def update(self, instance, validated_data):
        self._links = _link_specs(validated_data.pop("links", None))
        if self._links is not None and _link_changes(instance, self._links):
            return self._write(instance, validated_data)
        return super().update(instance, validated_data)

    def save_instance(self, instance, user) -> None:
        child_group_save(group=instance, user=user, links=getattr(self, "_links", None))


def _link_specs(links: list[dict] | None) -> list[tuple[ChildGroup, str]] | None:
    if links is None:
        return None
    return [(link["counted_in"], link["relation"]) for link in links]


def _link_changes(group: ChildGroup, links: list[tuple[ChildGroup, str]]) -> bool:
    current = set(group.links.values_list("counted_in_id", "relation"))
    return current != {(counted_in.pk, relation) for counted_in, relation in links}


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
            "status",
            "is_published",
            "published_at",
            "created_at",
            "updated_at",
            "citations",
        )
        read_only_fields = ("status", "is_published", "published_at")
        extra_kwargs = {
            "status": {
                "help_text": "draft, in_review, published or withdrawn. Changed only by the "
                "review actions (submit, return-to-draft, publish, withdraw)."
            },
            "is_published": {
                "help_text": "Whether partners see it: true exactly when status is published."
            },
            "verification_status": {
                "help_text": "Changing it needs the permission to verify incidents "
                "(reviewers); sending the stored value is always accepted."
            },
        }

    def validate(self, attrs):
        """Publishing is an action, not a field: a body that would change `status` or
        `is_published` is refused with a 400 that says which action to use (the value
        the record has, sent back unchanged, is accepted)."""
        attrs = super().validate(attrs)
        stored = self.instance or Incident()
        errors = {}
        for name in ("status", "is_published"):
            if name in self.initial_data and _sent(self.initial_data[name], name) != getattr(
                stored, name
            ):
                errors[name] = [
                    "Read only: an incident is published, withdrawn or sent for review "
                    "with POST /api/v1/incidents/{id}/publish/ (withdraw/, submit/, "
                    "return-to-draft/)."
                ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def save_instance(self, instance, user) -> None:
        incident_save(incident=instance, user=user)


def _sent(value, name: str):
    if name != "is_published":
        return value
    try:
        return serializers.BooleanField().to_internal_value(value)
    except serializers.ValidationError:
        return value


class ReviewStepSerializer(serializers.Serializer):
    """The body of a review action."""

    note = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="Recorded with the step."
    )


class PublishSerializer(ReviewStepSerializer):
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Publish although publish checks fail (groups without a citation, cited "
        "sources without a successful capture): why. Recorded with the step, with the "
        "checks that failed.",
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=5000, help_text="Why it is withdrawn: partners are told (incidents/removed/)."
    )


class RemovedIncidentSerializer(serializers.Serializer):
    """An incident partners could read that is gone: delete your copy (and its groups
    and citations)."""

    id = serializers.IntegerField(source="incident_id", help_text="The incident's id.")
    removed_at = serializers.DateTimeField()
    kind = serializers.CharField(help_text="withdrawn or deleted")
    reason = serializers.CharField()


INCIDENT_DOCUMENTS = SerializerDocuments(IncidentSerializer)
