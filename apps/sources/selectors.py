"""Reads of sources. Which sources a viewer may see is decided by apps.core.visibility
(with the rule of the app that cites them)."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.sources.models import Source


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("speaker", "copy_of")
