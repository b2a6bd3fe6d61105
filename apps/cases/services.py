"""Writes to incidents and the groups of children in them, and the review steps that
take an incident from draft to published (and withdrawn)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from apps.cases.group_links import LinkGraph
from apps.cases.models import (
    ChildGroup,
    ChildGroupLink,
    Incident,
    PublicationStatus,
    PublicationStep,
    RemovalKind,
    Tombstone,
    VerificationStatus,
    count_bounds,
)
from apps.cases.models.groups import GroupRelation, part_larger_than_whole
from apps.cases.selectors import (
    REVIEW_STEP_REASON,
    incident_last_editor_id,
    incident_publish_problems,
)
from apps.core.permissions import may, permission_name
from apps.core.services import record_save

# A group not saved yet has no id; in a proposed graph it stands under this one.
_NEW_GROUP = -1

LinkSpec = tuple[ChildGroup, str]  # (the group it is counted in, relation)


# Actions the permission policy (apps.core.permissions.may) decides on incidents.
VERIFY_PERMISSION = "verify"  # cases.verify_incident
PUBLISH_PERMISSION = "publish"  # cases.publish_incident
EDIT_PERMISSION = "change"  # cases.change_incident


@transaction.atomic
def incident_save(*, incident: Incident, user) -> Incident:
    """Save an incident's content. Its status (and so whether partners see it) changes
    only through the review steps below; its verification status only for those who
    may verify."""
    stored = (
        Incident.objects.filter(pk=incident.pk).values("verification_status", "status").first()
        if incident.pk is not None
        else None
    )
    before = stored["verification_status"] if stored else VerificationStatus.UNVERIFIED
    if incident.verification_status != before and not may(user, VERIFY_PERMISSION, Incident):
        raise PermissionDenied(
            "Only reviewers may change an incident's verification status (the permission "
            "'Can set an incident's verification status'); send it unchanged, or leave it out."
        )
    # Whatever the object says, the stored status stands (and what follows from it).
    incident.set_status(stored["status"] if stored else PublicationStatus.DRAFT)
    return record_save(incident, user=user)


def incident_load(*, incident: Incident, user, status: str, note: str) -> Incident:
    """Create an incident in `status` for a loader of a vetted dataset (the demo): the
    step is recorded as `user` with `note`. No review, no checks: never offered to a
    person, in the admin or the API."""
    with transaction.atomic():
        incident.set_status(status)
        record_save(incident, user=user)
        PublicationStep.objects.create(
            incident=incident,
            from_status="",
            to_status=status,
            by=user,
            at=timezone.now(),
            note=note,
        )
    return incident


@dataclass(frozen=True)
class Transition:
    """A review step: from which statuses, to which, and who may take it."""

    name: str  # the API action and the admin URL
    label: str  # the button
    sources: frozenset[str]
    target: str
    permission: str


S = PublicationStatus
TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "submit",
            "Submit for review",
            frozenset({S.DRAFT, S.WITHDRAWN}),
            S.IN_REVIEW,
            EDIT_PERMISSION,
        ),
        Transition(
            "return-to-draft",
            "Return to draft",
            frozenset({S.IN_REVIEW, S.WITHDRAWN}),
            S.DRAFT,
            EDIT_PERMISSION,
        ),
        Transition(
            "publish",
            "Publish",
            frozenset({S.IN_REVIEW, S.WITHDRAWN}),
            S.PUBLISHED,
            PUBLISH_PERMISSION,
        ),
        Transition(
            "withdraw", "Withdraw", frozenset({S.PUBLISHED}), S.WITHDRAWN, PUBLISH_PERMISSION
        ),
    )
}


class PublishChecksFailed(ValidationError):
    """Publishing was refused: `problems` lists what is missing."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            {
                "checks": problems,
                "override_reason": [
                    "Fix what is listed, or publish anyway by giving a reason (it is recorded "
                    "with the step)."
                ],
            }
        )


def incident_transitions_for(*, incident: Incident, user) -> list[Transition]:
    """The review steps `user` may take from the incident's status (buttons to offer;
    four-eyes and the publish checks are decided when the step is taken)."""
    return [
        t
        for t in TRANSITIONS.values()
        if incident.status in t.sources and may(user, t.permission, Incident)
    ]


def incident_transition(
    *, incident: Incident, user, name: str, note: str = "", override_reason: str = ""
) -> PublicationStep:
    """Take the review step `name` (a key of TRANSITIONS) as `user`, all or nothing: the
    incident's status and what follows from it, the step, for a withdrawal the
    tombstone partners read, and a history entry. Refused with PermissionDenied (may not
    take this step, or is the last editor of what they would publish) or ValidationError
    (not from this status, a withdrawal without a reason, publish checks failing without
    an override reason)."""
    transition = TRANSITIONS[name]
    note, override_reason = note.strip(), override_reason.strip()
    if not may(user, transition.permission, Incident):
        who = "reviewers" if transition.permission == PUBLISH_PERMISSION else "investigators"
        raise PermissionDenied(
            f"You may not {transition.label.lower()} incidents: only {who} may "
            f"('{permission_name(Incident, transition.permission)}')."
        )
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        current = PublicationStatus(locked.status)
        if current not in transition.sources:
            allowed = " or ".join(
                sorted(PublicationStatus(s).label.lower() for s in transition.sources)
            )
            raise ValidationError(
                {
                    "status": [
                        f"This incident is {current.label.lower()}: '{transition.label}' "
                        f"is possible only when it is {allowed}."
                    ]
                }
            )
        if transition.target == PublicationStatus.WITHDRAWN and not note:
            raise ValidationError(
                {"reason": ["Say why it is withdrawn: partners are told the reason."]}
            )
        overridden: list[str] = []
        if transition.target == PublicationStatus.PUBLISHED:
            _four_eyes(locked, user)
            problems = incident_publish_problems(locked)
            if problems and not override_reason:
                raise PublishChecksFailed(problems)
            overridden = problems
        step = _status_step_write(
            incident=locked,
            user=user,
            to_status=transition.target,
            note=note,
            override_reason=override_reason if overridden else "",
            overridden_checks=overridden,
        )
    incident.refresh_from_db()
    return step


RESTORED_NOTE = "Restored after it was deleted: it is published again only through review."


def incident_withdraw_restored(*, incident: Incident, user) -> PublicationStep | None:
    """A restored incident that was published comes back withdrawn (in the restore's
    transaction): a restore never publishes. The step and a tombstone say so."""
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    if locked.status != PublicationStatus.PUBLISHED:
        return None
    return _status_step_write(
        incident=locked, user=user, to_status=PublicationStatus.WITHDRAWN, note=RESTORED_NOTE
    )


def _status_step_write(
    *,
    incident: Incident,
    user,
    to_status: str,
    note: str,
    override_reason: str = "",
    overridden_checks: list[str] | None = None,
) -> PublicationStep:
    """Move `incident` (locked by the caller, in its transaction, its step checked) to
    `to_status`: the step, for a withdrawal the tombstone partners read (its reason is
    the note), the status and what follows from it, and a history entry. The one place
    a review step is written, so a step taken and a restore's withdrawal read alike."""
    at = timezone.now()
    step = PublicationStep.objects.create(
        incident=incident,
        from_status=incident.status,
        to_status=to_status,
        by=user,
        at=at,
        note=note,
        override_reason=override_reason,
        overridden_checks=overridden_checks or [],
    )
    if to_status == PublicationStatus.WITHDRAWN:
        Tombstone.objects.create(
            incident=incident,
            kind=RemovalKind.WITHDRAWN,
            removed_at=at,
            reason=note,
            recorded_by=user,
        )
    incident.set_status(to_status)
    incident._change_reason = REVIEW_STEP_REASON
    record_save(incident, user=user)
    return step


def _four_eyes(incident: Incident, user) -> None:
    if not settings.CHILDTRACE_FOUR_EYES:
        return
    if incident_last_editor_id(incident) == user.pk:
        raise PermissionDenied(
            "Four eyes: you made the last change to this incident (or to one of its groups, "
            "links or citations), so another reviewer must publish it."
        )


def incident_tombstone_record(
    *, incident: Incident, user, reason: str, kind: str = RemovalKind.DELETED, at=None
) -> Tombstone | None:
    """Tell partners that an incident they could read is gone (for a soft delete: call
    it in the same transaction, before the incident stops being visible). Recorded only
    when the incident is published, since only then could a partner read it."""
    # A deleted incident keeps its status: all_objects still finds it published.
    if not Incident.all_objects.filter(pk=incident.pk, is_published=True).exists():
        return None
    return Tombstone.objects.create(
        incident=incident,
        kind=kind,
        removed_at=at or timezone.now(),
        reason=reason,
        recorded_by=user,
    )


def incident_touch(*, incident_id: int, user, change_reason: str) -> None:
    """Record that a part of the incident changed (a group or citation deleted or
    restored): its `updated_at` moves, so a partner syncing with `updated_since` reads
    the incident again without (or with) that part, and its history says who and why.
    Call it in the transaction of the change. Only the stamp is written: an incident
    entered under older rules is not made valid first."""
    incident = Incident.all_objects.select_for_update().get(pk=incident_id)
    incident.stamp(user)
    incident._change_reason = change_reason[:100]
    incident.save(update_fields=["updated_at", "updated_by"])


@transaction.atomic
def child_group_save(*, group: ChildGroup, user, links: list[LinkSpec] | None = None) -> ChildGroup:
    """Save a group, and, when `links` is given, make them its links (all or nothing:
    a link that fails validation leaves the group and its links as they were)."""
    if links is not None:
        child_group_links_validate(group=group, links=links)
    record_save(group, user=user)
    if links is not None:
        _links_set(group=group, links=links, user=user)
    return group


def child_group_links_validate(*, group: ChildGroup, links: list[LinkSpec]) -> None:
    """Refuse links that are not what a person could mean: to the group itself, twice
    to one group, a part larger than its whole, or a loop (a group counted inside
    itself, directly or through other groups' links)."""
    errors: list[str] = []
    seen: set[int] = set()
    own = count_bounds(group.count_qualifier, group.count, group.count_upper)
    for counted_in, relation in links:
        if group.pk is not None and counted_in.pk == group.pk:
            errors.append("A group cannot be the same as, or part of, itself.")
        elif counted_in.pk in seen:
            errors.append(f"'{counted_in}' is linked twice; link to each group once.")
        elif relation == GroupRelation.PART_OF and (
            problem := part_larger_than_whole(own, counted_in)
        ):
            errors.append(problem)
        seen.add(counted_in.pk)
    if not errors:
        errors.extend(_loops(group, links))
    if errors:
        raise ValidationError({"links": errors})


def _loops(group: ChildGroup, links: list[LinkSpec]) -> list[str]:
    me = group.pk if group.pk is not None else _NEW_GROUP
    others = list(
        ChildGroupLink.objects.exclude(group=me).values_list(
            "group_id", "counted_in_id", "relation"
        )
    )
    proposed = [(me, counted_in.pk, relation) for counted_in, relation in links]
    if not LinkGraph(others + proposed).has_loop():
        return []
    culprits = [
        counted_in
        for (counted_in, _), link in zip(links, proposed, strict=True)
        if LinkGraph([*others, link]).has_loop()
    ]
    if culprits:
        return [
            f"That would make a loop: this group is already counted inside '{counted_in}', "
            "directly or through other groups' links."
            for counted_in in culprits
        ]
    return [
        "Together these links make a loop: the group would be counted inside itself "
        "(the same children as one group and part of another that is inside it)."
    ]


def _links_set(*, group: ChildGroup, links: list[LinkSpec], user) -> None:
    """Bring the group's links to `links`; each change is saved (and its history
    written) as `user`."""
    current = {link.counted_in_id: link for link in group.links.all()}
    wanted = {counted_in.pk: relation for counted_in, relation in links}
    for counted_in_id, link in current.items():
        if counted_in_id not in wanted:
            link._history_user = user
            link.delete()
    for counted_in_id, relation in wanted.items():
        link = current.get(counted_in_id)
        if link is None:
            link = ChildGroupLink(group=group, counted_in_id=counted_in_id, relation=relation)
        elif link.relation == relation:
            continue
        else:
            link.relation = relation
        record_save(link, user=user)
