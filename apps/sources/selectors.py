from __future__ import annotations

from django.db.models import Count, QuerySet

from apps.sources.models import Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("speaker", "copy_of").annotate(
        citation_count=Count("citations", distinct=True)
    )
