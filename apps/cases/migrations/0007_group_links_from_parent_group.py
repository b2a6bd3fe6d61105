"""A group's one link becomes a ChildGroupLink; aggregate claims say who states them.

Nothing is lost and every change is in the history:
- each history row of a group keeps the link the group had then (legacy_* columns);
- each link is created with a history row naming the group's last editor;
- an existing claim gets the side of the officials who stated it when they all belong to
  one side, else "not recorded yet" for an investigator to fill in;
- the demo's "700,000 accepted since 2022" (import key g-700000), loaded before claims
  were told apart as an ordinary counted group, becomes the Russian authorities' claim.
Each changed group gets a history row saying why.

Backwards: a group with at most one link gets it back as parent_group; a group with more
cannot be expressed by the old schema, and the migration refuses, naming it.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

REASON_LINK = "link moved from the group's single link (migration 0007)"
REASON_SIDE = "side of the aggregate claim filled in (migration 0007)"
REASON_DEMO = "demo: Russia's 700,000 is an aggregate claim, not children counted (0007)"

SIDE_OF_AFFILIATION = {
    "russian_state": "russian_authorities",
    "occupation": "russian_authorities",
    "ukrainian": "ukrainian_authorities",
}


def _history_row(apps, group, *, when, reason):
    """A history row of `group` as it now is, with its places, as simple-history
    writes one."""
    ChildGroup = apps.get_model("cases", "ChildGroup")
    HistoricalGroup = apps.get_model("cases", "HistoricalChildGroup")
    row = HistoricalGroup(
        history_date=when,
        history_type="~",
        history_user_id=group.updated_by_id,
        history_change_reason=reason,
    )
    for field in ChildGroup._meta.concrete_fields:
        setattr(row, field.attname, getattr(group, field.attname))
    row.save()
    for name in ("origin_regions", "destination_regions"):
        places = apps.get_model("cases", f"HistoricalChildGroup_{name}")
        places.objects.bulk_create(
            places(history=row, childgroup_id=group.pk, region_id=region_id)
            for region_id in getattr(group, name).values_list("pk", flat=True)
        )


def forward(apps, schema_editor):
    ChildGroup = apps.get_model("cases", "ChildGroup")
    Link = apps.get_model("cases", "ChildGroupLink")
    HistoricalLink = apps.get_model("cases", "HistoricalChildGroupLink")
    HistoricalGroup = apps.get_model("cases", "HistoricalChildGroup")
    IncidentOfficial = apps.get_model("cases", "IncidentOfficial")
    IncidentOrganization = apps.get_model("cases", "IncidentOrganization")
    now = timezone.now()

    HistoricalGroup.objects.update(
        legacy_counted_in_id=F("parent_group_id"), legacy_relation=F("relation_to_parent")
    )
    for group in ChildGroup.objects.exclude(parent_group=None).order_by("pk"):
        link = Link.objects.create(
            group_id=group.pk,
            counted_in_id=group.parent_group_id,
            relation=group.relation_to_parent,
            created_by_id=group.updated_by_id,
            updated_by_id=group.updated_by_id,
        )
        HistoricalLink.objects.create(
            id=link.pk,
            group_id=link.group_id,
            counted_in_id=link.counted_in_id,
            relation=link.relation,
            created_at=link.created_at,
            updated_at=link.updated_at,
            created_by_id=link.created_by_id,
            updated_by_id=link.updated_by_id,
            history_date=now,
            history_type="+",
            history_user_id=group.updated_by_id,
            history_change_reason=REASON_LINK,
        )

    demo = ChildGroup.objects.filter(
        import_key="g-700000", is_aggregate_claim=False, count=700_000
    ).first()
    if demo is not None:
        demo.is_aggregate_claim, demo.claimed_by = True, "russian_authorities"
        demo.save(update_fields=["is_aggregate_claim", "claimed_by", "updated_at"])
        _history_row(apps, demo, when=now, reason=REASON_DEMO)

    for group in ChildGroup.objects.filter(is_aggregate_claim=True, claimed_by="").order_by("pk"):
        affiliations = IncidentOfficial.objects.filter(
            incident_id=group.incident_id, role="stated"
        ).values_list("official__affiliation", flat=True)
        sides = {SIDE_OF_AFFILIATION.get(affiliation) for affiliation in affiliations}
        # An organization that stated it too may be of either side: then nobody guesses.
        if IncidentOrganization.objects.filter(
            incident_id=group.incident_id, role="stated"
        ).exists():
            sides.add(None)
        only = sides.pop() if len(sides) == 1 else None
        group.claimed_by = only or "not_recorded"
        group.save(update_fields=["claimed_by", "updated_at"])
        _history_row(apps, group, when=now, reason=REASON_SIDE)


def backward(apps, schema_editor):
    ChildGroup = apps.get_model("cases", "ChildGroup")
    Link = apps.get_model("cases", "ChildGroupLink")
    HistoricalGroup = apps.get_model("cases", "HistoricalChildGroup")
    links = list(Link.objects.order_by("group_id", "pk"))
    by_group: dict[int, list] = {}
    for link in links:
        by_group.setdefault(link.group_id, []).append(link)
    crowded = sorted(pk for pk, group_links in by_group.items() if len(group_links) > 1)
    if crowded:
        raise RuntimeError(
            "Groups with more than one link cannot go back to a single link; remove "
            f"links first from groups {crowded}."
        )
    for group_id, (link,) in by_group.items():
        ChildGroup.objects.filter(pk=group_id).update(
            parent_group_id=link.counted_in_id, relation_to_parent=link.relation
        )
    HistoricalGroup.objects.exclude(legacy_counted_in_id=None).update(
        parent_group_id=F("legacy_counted_in_id"), relation_to_parent=F("legacy_relation")
    )
    Link.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0002_rename_tables"),
        ("cases", "0006_group_links_and_claims"),
    ]

    operations = [migrations.RunPython(forward, backward)]
