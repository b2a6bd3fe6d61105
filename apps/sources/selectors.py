from __future__ import annotations

from django.db.models import Count, QuerySet

from apps.sources.models import Citation, Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("speaker", "copy_of").annotate(
        citation_count=Count("citations", distinct=True)
    )


def citation_list() -> QuerySet[Citation]:
    return Citation.objects.select_related("source", "cited_in", "incident", "child_group")
