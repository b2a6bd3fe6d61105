"""A source's captures go with it when it is deleted, and come back with it
(apps.core.softdelete): a capture is never deleted on its own."""

from apps.archiving.models import Capture
from apps.core.softdelete import dependents, restore_check
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
