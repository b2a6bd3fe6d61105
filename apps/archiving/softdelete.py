"""A source's captures go with it when it is deleted, and come back with it
(apps.core.softdelete): a capture is never deleted on its own. A deleted source is not
fetched: its open capture jobs are closed with it."""

from django.dispatch import receiver

from apps.archiving.models import Capture
from apps.archiving.services import capture_jobs_close_for_deleted_source
from apps.core.softdelete import dependents, record_deleted, restore_check
from apps.sources.models import Source


@dependents(Source)
def captures_of_source(source: Source):
    return Capture.all_objects.filter(source=source).order_by("pk")


@restore_check(Capture)
def capture_needs_its_source(capture: Capture, coming: set) -> list[str]:
    source = Source.all_objects.get(pk=capture.source_id)
    if source.is_deleted and (Source, source.pk) not in coming:
        return [f"Its source “{source}” is deleted: restore the source."]
    return []


@receiver(record_deleted, sender=Source)
def close_jobs_of_deleted_source(sender, instance: Source, user, **kwargs) -> None:
    """In the delete's transaction: its waiting or running jobs are closed, by the user
    who deleted it (a restored source is captured again when someone asks)."""
    capture_jobs_close_for_deleted_source(source=instance, user=user)
