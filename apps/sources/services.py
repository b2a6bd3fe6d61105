"""Writes to sources."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from apps.core.services import record_save
from apps.sources.models import Availability, Source


@transaction.atomic
def source_save(*, source: Source, user) -> Source:
    """Save a source; its URL is normalized by validation, so duplicates are refused."""
    return record_save(source, user=user)


@transaction.atomic
def source_mark_removed(*, source: Source, on: dt.date, reason: str, user) -> Source:
    """A re-check found the source gone. Earlier captures are kept; this only says so."""
    source.availability = Availability.REMOVED
    source.removed_on = on
    source.availability_note = f"Found removed on {on:%Y-%m-%d}: {reason}"[:500]
    return record_save(source, user=user)


@transaction.atomic
def source_mark_online(*, source: Source, user) -> Source | None:
    """The first capture found the source online; a known state is never overwritten."""
    if source.availability != Availability.UNKNOWN:
        return None
    source.availability = Availability.ONLINE
    return record_save(source, user=user)
