from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from apps.cases.models import Incident
from apps.cases.selectors import incident_detail_list_for
from apps.core.visibility import Viewer
from apps.sources.models import Citation, Source


def source_list_for(*, viewer: Viewer) -> QuerySet[Source]:
    """Sources the viewer may see: all for staff; for others, only sources that a
    published incident cites (directly or as the report of a footnote)."""
    sources = Source.objects.all()
    if viewer.sees_unpublished:
        return sources
    published = Citation.objects.filter(incident__is_published=True)
    return sources.filter(
        Exists(published.filter(Q(source=OuterRef("pk")) | Q(cited_in=OuterRef("pk"))))
    )


def citation_list_for(*, viewer: Viewer) -> QuerySet[Citation]:
    citations = Citation.objects.select_related("source")
    return citations if viewer.sees_unpublished else citations.filter(incident__is_published=True)


def incident_with_citations_list_for(*, viewer: Viewer) -> QuerySet[Incident]:
    """What the incident endpoint and the export embed: the full incident and its
    citations with their sources."""
    return incident_detail_list_for(viewer=viewer).prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    )


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("speaker", "copy_of").annotate(
        citation_count=Count("citations", distinct=True)
    )
