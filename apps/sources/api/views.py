from apps.core.api.views import RecordViewSet
from apps.sources.api.serializers import SourceSerializer
from apps.sources.filters import SourceFilterSet
from apps.sources.selectors import source_list


class SourceViewSet(RecordViewSet):
    """Cited documents. Partners see only sources cited by published incidents."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    search_fields = ("url", "url_as_cited", "title", "publisher", "author")
    ordering_fields = ("id", "published_on", "updated_at")

    def selector(self):
        return source_list(viewer=self.viewer)
