from rest_framework import serializers

from apps.core.api.serializers import ServiceModelSerializer
from apps.sources.models import Source
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
    """A source in short, embedded wherever a record cites one."""

    class Meta:
        model = Source
        fields = ("id", "url", "title", "publisher", "kind", "availability")
