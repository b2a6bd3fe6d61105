"""Reads of sources. Which sources a viewer may see is decided by apps.core.visibility
(with the rule of the app that cites them)."""

from __future__ import annotations

from django.db.models import Case, Exists, F, OuterRef, Prefetch, QuerySet, When

from apps.core.visibility import Viewer, visible
from apps.sources.models import Source


def source_list(*, viewer: Viewer | None = None, deleted_too: bool = False) -> QuerySet[Source]:
    """Sources with their speaker. Given a viewer, also what a source's document says of
    other sources, limited to those the viewer may see (a partner never reads the id of a
    source it cannot read): `visible_copies` (archived copies, reposts, screenshots of
    it), and `copy_of_shown` / `duplicate_of_shown` (the id, or None if hidden). Deleted
    sources only for the admin, when asked (`deleted_too`, without a viewer)."""
    rows = Source.all_objects if deleted_too and viewer is None else Source.objects
    sources = rows.select_related("speaker", "copy_of")
    if viewer is None:
        return sources
    seen = visible(Source.objects.all(), viewer=viewer)
    shown = {}
    for relation in ("copy_of", "duplicate_of"):
        if viewer.sees_unpublished_of(Source):
            shown[f"{relation}_shown"] = F(f"{relation}_id")
        else:
            seen_related = Exists(seen.filter(pk=OuterRef(f"{relation}_id")))
            shown[f"{relation}_shown"] = Case(When(seen_related, then=F(f"{relation}_id")))
    return sources.annotate(**shown).prefetch_related(
        Prefetch(
            "copies", queryset=seen.only("pk", "copy_of").order_by("pk"), to_attr="visible_copies"
        )
    )
