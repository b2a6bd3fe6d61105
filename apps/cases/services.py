"""Writes to incidents and the groups of children in them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.cases.group_links import LinkGraph
from apps.cases.models import ChildGroup, ChildGroupLink, Incident, count_bounds
from apps.cases.models.groups import GroupRelation, part_larger_than_whole
from apps.core.services import record_save

# A group not saved yet has no id; in a proposed graph it stands under this one.
_NEW_GROUP = -1

LinkSpec = tuple[ChildGroup, str]  # (the group it is counted in, relation)


@transaction.atomic
def incident_save(*, incident: Incident, user) -> Incident:
    """Save an incident; publishing stamps the time it became visible to partners."""
    incident.set_published(incident.is_published)
    return record_save(incident, user=user)


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
