"""The one hook from sources into archiving: a saved source gets its capture queued.

Sources cannot import archiving (dependencies point one way), so archiving listens.
The receiver only calls a service; the decision is there.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from apps.archiving.services import capture_on_save
from apps.sources.models import Source


@receiver(post_save, sender=Source, dispatch_uid="archiving.capture_on_save")
def source_saved(sender, instance: Source, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: fixtures are not fetched
        return
    capture_on_save(source=instance)
