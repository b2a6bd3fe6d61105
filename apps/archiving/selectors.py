"""Reads of the archiving app: who sees which captures, and a capture's payload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.files.storage import storages
from django.db.models import QuerySet

from apps.archiving.models import Capture, CaptureJob
from apps.archiving.warc import read_payload
from apps.core.visibility import Viewer, visible
from apps.sources.models import Availability, Source


def capture_list_for(*, viewer: Viewer) -> QuerySet[Capture]:
    return visible(Capture.objects.all(), viewer=viewer)


def capture_payload(capture: Capture) -> bytes | None:
    """The bytes of the captured document, from the WARC that holds them (for a
    deduplicated capture, the earlier capture's WARC)."""
    holder = capture.payload_stored_in or capture
    if not holder.warc or not holder.payload_record_id:
        return None
    with storages["archive"].open(holder.warc) as handle:
        return read_payload(handle, holder.payload_record_id)


def capture_latest_saved(source: Source) -> Capture | None:
    """The newest capture that holds the document, if any."""
    return Capture.objects.saved().filter(source=source).order_by("-requested_at").first()


@dataclass(frozen=True)
class ArchiveStatus:
    state: str  # "gone", "archived", "waiting", "failed", "none"
    text: str
    archived_at: datetime | None = None


def source_archive_status(source: Source) -> ArchiveStatus:
    """What staff read on the source page, in one line."""
    if not source.url:
        return ArchiveStatus("none", "No URL: nothing to archive.")
    latest_saved = capture_latest_saved(source)
    saved_at = latest_saved.taken_at if latest_saved else None
    if source.availability == Availability.REMOVED:
        if saved_at:
            return ArchiveStatus(
                "gone", f"Source gone, archived copy from {saved_at:%Y-%m-%d}.", saved_at
            )
        return ArchiveStatus("gone", "Source gone, and no archived copy was made.")
    job = CaptureJob.objects.open().filter(source=source).first()
    if saved_at:
        text = f"Archived on {saved_at:%Y-%m-%d %H:%M} UTC."
        return ArchiveStatus(
            "archived", text + (" A new capture is queued." if job else ""), saved_at
        )
    if job:
        return ArchiveStatus("waiting", f"Capture {job.get_status_display().lower()}.")
    latest = Capture.objects.filter(source=source).order_by("-requested_at").first()
    if latest:
        return ArchiveStatus(
            "failed", f"Not archived: {latest.error or latest.get_outcome_display()}."
        )
    return ArchiveStatus("none", "Not archived yet.")


def source_ids_with_saved_capture(source_ids) -> set[int]:
    """Which of `source_ids` have a capture that holds the document."""
    return set(
        Capture.objects.saved()
        .filter(source_id__in=source_ids)
        .order_by()
        .values_list("source_id", flat=True)
        .distinct()
    )


def source_list_unarchived() -> QuerySet[Source]:
    """Sources with a URL and no archived copy."""
    saved = Capture.objects.saved().values("source_id")
    return Source.objects.filter(url__isnull=False).exclude(pk__in=saved).order_by("pk")
