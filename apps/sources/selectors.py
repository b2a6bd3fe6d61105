"""Reads of sources. Which sources a viewer may see is decided in apps.core.visibility
(by the rule of the app that cites them)."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.core.visibility import Viewer, visible
from apps.sources.models import Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("speaker", "copy_of")


def source_list_for(*, viewer: Viewer) -> QuerySet[Source]:
    return visible(Source.objects.all(), viewer=viewer)
