"""What must always hold, enforced twice: by validation with a readable message, and by
the database itself so that no write path can store it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.cases.models import ChildGroup, ChildGroupLink, Incident
from apps.cases.services import child_group_links_validate, child_group_save
from tests.factories import ChildGroupFactory, IncidentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def assert_db_refuses(obj_or_callable):
    with pytest.raises(IntegrityError), transaction.atomic():
        obj_or_callable()


def test_database_refuses_upside_down_ages():
    group = ChildGroupFactory()
    group.age_min, group.age_max = 14, 2
    assert_db_refuses(group.save)


def test_database_refuses_negative_count():
    group = ChildGroupFactory()
    assert_db_refuses(lambda: ChildGroup.objects.filter(pk=group.pk).update(count=-1))
    assert_db_refuses(lambda: ChildGroup.objects.filter(pk=group.pk).update(count_min=-5))


def test_database_refuses_group_part_of_itself():
    group = ChildGroupFactory()
    assert_db_refuses(
        lambda: ChildGroupLink.objects.create(group=group, counted_in=group, relation="part")
    )


def test_database_refuses_two_links_between_the_same_groups():
    whole, part = ChildGroupFactory(), ChildGroupFactory()
    ChildGroupLink.objects.create(group=part, counted_in=whole, relation="part")
    assert_db_refuses(
        lambda: ChildGroupLink.objects.create(group=part, counted_in=whole, relation="same")
    )


def test_database_refuses_a_claim_without_a_side_and_a_side_without_a_claim():
    claim = ChildGroupFactory(is_aggregate_claim=True)
    assert_db_refuses(lambda: ChildGroup.objects.filter(pk=claim.pk).update(claimed_by=""))
    group = ChildGroupFactory()
    assert_db_refuses(
        lambda: ChildGroup.objects.filter(pk=group.pk).update(claimed_by="russian_authorities")
    )


def test_validation_asks_who_states_a_claim():
    claim = ChildGroupFactory.build(incident=IncidentFactory(), is_aggregate_claim=True)
    claim.claimed_by = ""
    with pytest.raises(ValidationError, match="Say who states this aggregate claim"):
        claim.full_clean()
    group = ChildGroupFactory.build(incident=IncidentFactory(), claimed_by="other")
    with pytest.raises(ValidationError, match="Only an aggregate claim has a side"):
        group.full_clean()


def test_database_refuses_period_ending_before_start():
    incident = IncidentFactory()
    assert_db_refuses(
        lambda: Incident.objects.filter(pk=incident.pk).update(
            occurred_start=dt.date(2025, 3, 30), occurred_end=dt.date(2025, 3, 1)
        )
    )


def test_database_refuses_count_bounds_out_of_order():
    group = ChildGroupFactory()
    assert_db_refuses(
        lambda: ChildGroup.objects.filter(pk=group.pk).update(count_min=10, count_max=5)
    )


def test_database_refuses_number_with_unknown_qualifier():
    group = ChildGroupFactory()
    assert_db_refuses(
        lambda: ChildGroup.objects.filter(pk=group.pk).update(count_qualifier="unknown")
    )


def test_database_refuses_organization_inside_itself():
    org = OrganizationFactory()
    from apps.actors.models import Organization

    assert_db_refuses(lambda: Organization.objects.filter(pk=org.pk).update(parent=org.pk))


def messages(exc: ValidationError) -> str:
    return " ".join(m for ms in exc.message_dict.values() for m in ms)


def test_validation_explains_upside_down_ages():
    group = ChildGroupFactory.build(incident=IncidentFactory(), age_min=14, age_max=2)
    with pytest.raises(ValidationError) as exc:
        group.full_clean()
    assert "oldest age (2) is below the youngest age (14)" in messages(exc.value)


def test_validation_explains_reversed_period():
    incident = IncidentFactory.build(
        occurred_precision="range",
        occurred_start=dt.date(2025, 3, 30),
        occurred_end=dt.date(2025, 3, 1),
        reported_on=None,
    )
    with pytest.raises(ValidationError) as exc:
        incident.full_clean()
    assert "ends (1 Mar 2025) before it starts (30 Mar 2025)" in messages(exc.value)


def test_validation_refuses_report_before_event():
    incident = IncidentFactory.build(
        occurred_start=dt.date(2025, 3, 30), reported_on=dt.date(2025, 3, 1)
    )
    with pytest.raises(ValidationError, match="reported before it happened"):
        incident.full_clean()


def test_month_precision_stores_the_whole_month_and_invents_no_day():
    incident = IncidentFactory.build(
        occurred_precision="month",
        occurred_start=dt.date(2025, 3, 17),
        occurred_end=None,
        reported_on=dt.date(2025, 3, 30),
    )
    incident.full_clean()
    assert (incident.occurred_start, incident.occurred_end) == (
        dt.date(2025, 3, 1),
        dt.date(2025, 3, 31),
    )
    assert incident.occurred_display == "March 2025"


def links_of(group, *links):
    child_group_links_validate(group=group, links=list(links))


def test_validation_refuses_loops_and_self_links():
    a = ChildGroupFactory(count=100)
    b = ChildGroupFactory(count=50, links=[(a, "part")])
    with pytest.raises(ValidationError, match="loop"):
        links_of(a, (b, "same"))
    with pytest.raises(ValidationError, match="itself"):
        links_of(b, (b, "part"))
    with pytest.raises(ValidationError, match="linked twice"):
        links_of(b, (a, "part"), (a, "same"))


def test_validation_refuses_a_loop_only_two_new_links_make_together():
    """The same children as a group, and part of a group inside it."""
    whole = ChildGroupFactory(count=100)
    inside = ChildGroupFactory(count=50, links=[(whole, "part")])
    new = ChildGroupFactory.build(incident=whole.incident, count=50)
    links_of(new, (whole, "same"))
    links_of(new, (inside, "part"))
    with pytest.raises(ValidationError, match="Together these links make a loop"):
        links_of(new, (whole, "same"), (inside, "part"))


def test_validation_refuses_part_larger_than_whole():
    whole = ChildGroupFactory(count=125)
    part = ChildGroupFactory.build(incident=whole.incident, count=234)
    with pytest.raises(ValidationError, match="part cannot be larger than the whole"):
        links_of(part, (whole, "part"))
    part.save()
    link = ChildGroupLink(group=part, counted_in=whole, relation="part")
    with pytest.raises(ValidationError, match="part cannot be larger than the whole"):
        link.full_clean()


def test_validation_refuses_shrinking_a_whole_below_its_parts_or_growing_a_part():
    whole = ChildGroupFactory(count=234)
    part = ChildGroupFactory(count=125, links=[(whole, "part")])
    whole.count = 100
    with pytest.raises(ValidationError, match="counted as part of this group"):
        whole.full_clean()
    part.count = 300
    with pytest.raises(ValidationError, match="part cannot be larger than the whole"):
        part.full_clean()


def test_links_are_saved_all_or_nothing_with_history(user):
    whole, other = ChildGroupFactory(count=234), ChildGroupFactory(count=10)
    group = ChildGroupFactory(count=125, links=[(other, "same")])
    with pytest.raises(ValidationError):
        child_group_save(group=group, user=user, links=[(whole, "part"), (group, "part")])
    assert list(group.links.values_list("counted_in", "relation")) == [(other.pk, "same")]
    child_group_save(group=group, user=user, links=[(whole, "part")])
    assert list(group.links.values_list("counted_in", "relation")) == [(whole.pk, "part")]
    history = ChildGroupLink.history.filter(group=group).order_by("history_id")
    assert [(h.history_type, h.counted_in_id) for h in history if h.history_user == user] == [
        ("-", other.pk),
        ("+", whole.pk),
    ]


@pytest.mark.parametrize(
    ("qualifier", "count", "upper", "bounds"),
    [
        ("exact", 25, None, (25, 25)),
        ("at_least", 1500, None, (1500, None)),
        ("over", 1000, None, (1001, None)),
        ("approximately", 20, None, (20, 20)),
        ("up_to", 50, None, (0, 50)),
        ("between", 20, 30, (20, 30)),
        ("unknown", None, None, (0, None)),
    ],
)
def test_count_bounds_never_round_an_open_figure(qualifier, count, upper, bounds):
    group = ChildGroupFactory(count_qualifier=qualifier, count=count, count_upper=upper)
    group.refresh_from_db()
    assert (group.count_min, group.count_max) == bounds


def test_validation_requires_number_or_unknown():
    group = ChildGroupFactory.build(incident=IncidentFactory(), count=None)
    with pytest.raises(ValidationError, match="unknown number"):
        group.full_clean()
