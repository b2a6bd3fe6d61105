"""What deleting a source means to other sources (apps.core.softdelete): a source that
others are copies or duplicates of stays while they do; a copy comes back only with
what it is a copy of."""

from __future__ import annotations

from django.db.models import Q

from apps.core.softdelete import blockers, restore_check
from apps.sources.models import Source


@blockers(Source)
def source_copied(source: Source, going: set) -> list[str]:
    others = [
        other
        for other in Source.objects.filter(Q(copy_of=source) | Q(duplicate_of=source))
        if (Source, other.pk) not in going
    ]
    return [
        f"The source “{other}” is "
        + ("a copy of it" if other.copy_of_id == source.pk else "a duplicate of it")
        + ": point it elsewhere first."
        for other in others
    ]


@restore_check(Source)
def source_needs_its_original(source: Source, coming: set) -> list[str]:
    problems = []
    for field in ("copy_of", "duplicate_of"):
        target_id = getattr(source, f"{field}_id")
        if target_id is None or (Source, target_id) in coming:
            continue
        target = Source.all_objects.get(pk=target_id)
        if target.is_deleted:
            problems.append(f"The source it is a copy of, “{target}”, is deleted: restore it.")
    return problems
