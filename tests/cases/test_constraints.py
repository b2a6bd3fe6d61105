"""What must always hold, enforced twice: by validation with a readable message, and by
the database itself so that no write path can store it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.cases.models import ChildGroup, Incident
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
        lambda: ChildGroup.objects.filter(pk=group.pk).update(
            parent_group=group.pk, relation_to_parent="part"
        )
    )


def test_database_refuses_link_without_relation():
    whole, part = ChildGroupFactory(), ChildGroupFactory()
    assert_db_refuses(lambda: ChildGroup.objects.filter(pk=part.pk).update(parent_group=whole.pk))


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


def test_validation_refuses_loops_and_self_links():
    a = ChildGroupFactory(count=100)
    b = ChildGroupFactory(count=50, parent_group=a, relation_to_parent="part")
    a.parent_group, a.relation_to_parent = b, "same"
    with pytest.raises(ValidationError, match="loop"):
        a.full_clean()
    b.parent_group = b
    with pytest.raises(ValidationError, match="itself"):
        b.full_clean()


def test_validation_refuses_part_larger_than_whole():
    whole = ChildGroupFactory(count=125)
    part = ChildGroupFactory.build(
        incident=whole.incident, count=234, parent_group=whole, relation_to_parent="part"
    )
    with pytest.raises(ValidationError, match="part cannot be larger than the whole"):
        part.full_clean()


def test_validation_refuses_shrinking_a_whole_below_its_parts():
    whole = ChildGroupFactory(count=234)
    ChildGroupFactory(count=125, parent_group=whole, relation_to_parent="part")
    whole.count = 100
    with pytest.raises(ValidationError, match="counted as part of this group"):
        whole.full_clean()


def test_validation_bounds_link_chains():
    from apps.cases.models.groups import MAX_LINK_DEPTH

    chain = [ChildGroupFactory(count=1000)]
    for _ in range(MAX_LINK_DEPTH):
        chain.append(ChildGroupFactory(count=1, parent_group=chain[-1], relation_to_parent="same"))
    too_deep = ChildGroupFactory.build(
        incident=chain[0].incident, count=1, parent_group=chain[-1], relation_to_parent="same"
    )
    with pytest.raises(ValidationError, match="at most"):
        too_deep.full_clean()


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
