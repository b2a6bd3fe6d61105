from rest_framework import serializers

from apps.cases.api.serializers import IncidentSerializer
from apps.core.api.serializers import ServiceModelSerializer
from apps.sources.models import Citation, Source
from apps.sources.services import source_save


class SourceSerializer(ServiceModelSerializer):
    """A cited document. `url` is the normalized address (set from `url_as_cited`)."""

    speaker_name = serializers.CharField(
        source="speaker.name_en", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Source
        fields = (
            "id",
            "url_as_cited",
            "url",
            "title",
            "publisher",
            "author",
            "kind",
            "language",
            "published_on",
            "speaker_kind",
            "speaker",
            "speaker_name",
            "availability",
            "availability_note",
            "removed_on",
            "copy_of",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("url", "removed_on")

    def save_instance(self, instance, user) -> None:
        source_save(source=instance, user=user)


class SourceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ("id", "url", "title", "publisher", "kind", "availability")


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


class IncidentWithCitationsSerializer(IncidentSerializer):
    citations = EmbeddedCitationSerializer(many=True, read_only=True)

    class Meta(IncidentSerializer.Meta):
        fields = (*IncidentSerializer.Meta.fields, "citations")
