"""Writes to sources and citations."""

from __future__ import annotations

from django.db import transaction

from apps.core.services import record_save
from apps.sources.models import Source


@transaction.atomic
def source_save(*, source: Source, user) -> Source:
    """Save a source; its URL is normalized by validation, so duplicates are refused."""
    return record_save(source, user=user)
