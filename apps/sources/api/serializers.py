from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.api.serializers import IdRelatedField, ServiceModelSerializer
from apps.core.dates import UNKNOWN, BoundPrecision
from apps.core.visibility import Viewer, viewer_for, visible
from apps.sources.models import Source
from apps.sources.services import source_save


def _viewer(context) -> Viewer:
    if "viewer" in context:  # a document built outside a request (evidence packages)
        return context["viewer"]
    request = context.get("request")
    return viewer_for(request.user) if request is not None else Viewer.public()


class VisibleSourceField(IdRelatedField):
    """Another source by id, shown only to a viewer who may read it (else null). Reads
    `<field>_shown` from `source_list(viewer=...)`; asks the database otherwise (a
    record just written)."""

    def get_attribute(self, instance):
        related = super().get_attribute(instance)
        if related is None:
            return None
        shown = getattr(instance, f"{self.source}_shown", ...)
        if shown is ...:
            seen = visible(Source.objects.filter(pk=related.pk), viewer=_viewer(self.context))
            shown = related.pk if seen.exists() else None
        return related if shown is not None else None


class SourceSerializer(ServiceModelSerializer):
    """A cited document. `url` is the normalized address (set from `url_as_cited`).

    `copy_of`, `duplicate_of` and `copies` name only sources the requester may read.

    `published_precision` says whether the source gives the day, only the month or only
    the year of `published_on`; `published_display` is the date as a person should read
    it ('March 2025'). A month or a year is stored as its first day. A write that sends
    `published_on` without `published_precision` records a day, as it always did (or
    'unknown' for a null date)."""

    published_display = serializers.CharField(
        read_only=True,
        help_text="The publication date at the precision it was given: '14 Mar 2025', "
        "'March 2025', '2025' or 'date unknown'.",
    )

    speaker_name = serializers.CharField(
        source="speaker.name_en", read_only=True, allow_null=True, default=None
    )
    copy_of = VisibleSourceField(
        queryset=Source.objects.all(),
        allow_null=True,
        required=False,
        help_text="This is an archived copy, repost or screenshot of that source.",
    )
    duplicate_of = VisibleSourceField(
        read_only=True,
        allow_null=True,
        help_text="Recorded twice: this source's URL is that source's in another spelling; "
        "cite that one. A duplicate has no normalized URL of its own.",
    )
    copies = serializers.SerializerMethodField(
        help_text="Sources that are archived copies, reposts or screenshots of this one "
        "(where a removed source survives), by id."
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
            "published_precision",
            "published_display",
            "speaker_kind",
            "speaker",
            "speaker_name",
            "availability",
            "availability_note",
            "removed_on",
            "copy_of",
            "copies",
            "duplicate_of",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("url", "removed_on")

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_copies(self, obj: Source) -> list[int]:
        copies = getattr(obj, "visible_copies", None)
        if copies is None:
            seen = visible(obj.copies.order_by("pk"), viewer=_viewer(self.context))
            return list(seen.values_list("pk", flat=True))
        return [copy.pk for copy in copies]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "published_on" in attrs and "published_precision" not in attrs:
            stored = self.instance.published_precision if self.instance is not None else UNKNOWN
            if attrs["published_on"] is None:
                attrs["published_precision"] = UNKNOWN
            elif stored == UNKNOWN:
                # Clients written before the precision existed sent days.
                attrs["published_precision"] = BoundPrecision.DAY
            # else: an update keeps the stored precision ("March 2025" stays a month: a
            # client that does not know precisions must not turn it into a day).
        return attrs

    def save_instance(self, instance, user) -> None:
        source_save(source=instance, user=user)


class SourceRefSerializer(serializers.ModelSerializer):
    """A source in short, embedded wherever a record cites one."""

    class Meta:
        model = Source
        fields = ("id", "url", "title", "publisher", "kind", "availability")
