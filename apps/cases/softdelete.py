"""What deleting an incident, a group, a citation or a source means to cases
(apps.core.softdelete): an incident takes its groups and citations with it; a group that
other groups are counted in, or whose figure a citation states, stays until they are
changed; a source an incident cites stays; nothing comes back that relies on a record
still deleted."""

from __future__ import annotations

from django.db.models import Q
from django.dispatch import receiver

from apps.cases.models import ChildGroup, ChildGroupLink, Citation, Incident, RemovalKind
from apps.core.softdelete import (
    blockers,
    dependents,
    record_deleted,
    record_restored,
    restore_check,
)
from apps.sources.models import Source

PARTNER_DELETION_REASON = "Deleted from the database (the reason is kept internally)."


@dependents(Incident)
def groups_of_incident(incident: Incident):
    return ChildGroup.all_objects.filter(incident=incident).order_by("pk")


@dependents(Incident)
def citations_of_incident(incident: Incident):
    return Citation.all_objects.filter(incident=incident).order_by("pk")


def _staying(rows, going: set):
    return [row for row in rows if (type(row), row.pk) not in going]


@blockers(ChildGroup)
def group_relied_on(group: ChildGroup, going: set) -> list[str]:
    problems = []
    links = ChildGroupLink.objects.filter(counted_in=group).select_related("group__incident")
    for link in links:
        if (ChildGroup, link.group_id) not in going:
            problems.append(
                f"The group “{link.group}” is counted in “{group}” "
                f"({link.get_relation_display()}): remove that link on its page first."
            )
    citations = Citation.objects.filter(child_group=group).select_related("source", "incident")
    for citation in _staying(citations, going):
        problems.append(
            f"The citation of “{citation.source}” in “{citation.incident.title}” states the "
            f"figure of “{group}”: choose another group, or none, for it first."
        )
    return problems


@blockers(Source)
def source_relied_on(source: Source, going: set) -> list[str]:
    citations = Citation.objects.filter(Q(source=source) | Q(cited_in=source)).select_related(
        "incident"
    )
    titles = sorted({c.incident.title for c in _staying(citations, going)})
    if not titles:
        return []
    shown = "; ".join(f"“{title}”" for title in titles[:5])
    more = f" and {len(titles) - 5} more" if len(titles) > 5 else ""
    return [
        f"Cited by {shown}{more}: a cited source is evidence and stays. Remove those "
        "citations (or the incidents) first."
    ]


def _deleted_parent(row, field: str, coming: set, advice: str) -> list[str]:
    target_id = getattr(row, f"{field}_id")
    if target_id is None:
        return []
    target_model = row._meta.get_field(field).related_model
    target = target_model.all_objects.filter(pk=target_id).first()
    if target is None or not target.is_deleted or (target_model, target_id) in coming:
        return []
    return [advice.format(target=target)]


@restore_check(ChildGroup)
def group_needs_its_incident(group: ChildGroup, coming: set) -> list[str]:
    return _deleted_parent(
        group, "incident", coming, "Its incident “{target.title}” is deleted: restore it."
    )


@restore_check(Citation)
def citation_needs_what_it_cites(citation: Citation, coming: set) -> list[str]:
    return [
        *_deleted_parent(
            citation, "incident", coming, "Its incident “{target.title}” is deleted: restore it."
        ),
        *_deleted_parent(
            citation,
            "source",
            coming,
            "The source it cites, “{target}”, is deleted since: restore it first.",
        ),
        *_deleted_parent(
            citation,
            "cited_in",
            coming,
            "The report of its footnote, “{target}”, is deleted since: restore it first.",
        ),
        *_deleted_parent(
            citation,
            "child_group",
            coming,
            "The group whose figure it states, “{target}”, is deleted: restore it first.",
        ),
    ]


def _part_label(part: ChildGroup | Citation) -> str:
    if isinstance(part, ChildGroup):
        return f"group “{part}”"
    return f"citation of “{part.source}”"


@receiver(record_deleted, sender=ChildGroup)
@receiver(record_deleted, sender=Citation)
@receiver(record_restored, sender=ChildGroup)
@receiver(record_restored, sender=Citation)
def incident_changed_by_its_part(sender, signal, instance, user, with_record=None, **kwargs):
    """A group or citation deleted or restored on its own changes its incident's
    document: the incident's `updated_at` moves (partners' `updated_since` sync), in the
    same transaction, and its history names who. Deleted or restored with its incident,
    the incident's own change says it."""
    from apps.cases.services import incident_touch

    if isinstance(with_record, Incident) and with_record.pk == instance.incident_id:
        return
    done = "Deleted" if signal is record_deleted else "Restored"
    incident_touch(
        incident_id=instance.incident_id,
        user=user,
        change_reason=f"{done} its {_part_label(instance)}",
    )


@receiver(record_deleted, sender=Incident)
def tell_partners_of_deleted_incident(sender, instance, reason, at, user, **kwargs):
    """A deleted incident partners could read is reported at their next sync
    (incidents/removed/), in the same transaction as the delete."""
    from apps.cases.services import incident_tombstone_record

    # The reviewer's reason is internal (it may name what was wrong, a child's name
    # included): partners read only that the incident was deleted.
    incident_tombstone_record(
        incident=instance,
        user=user,
        reason=PARTNER_DELETION_REASON,
        kind=RemovalKind.DELETED,
        at=at,
    )


@receiver(record_restored, sender=Incident)
def restored_incident_is_reviewed_again(sender, instance, user, **kwargs):
    """A restored incident that was published comes back withdrawn: it is published
    again only through review (publish checks, four eyes), never by a restore."""
    from apps.cases.services import incident_withdraw_restored

    incident_withdraw_restored(incident=instance, user=user)
