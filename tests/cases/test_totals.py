"""The one totals function: each child once, qualifiers kept, computed in SQL."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.cases.models import ChildGroup, count_bounds
from apps.cases.totals import children_total
from tests.factories import ChildGroupFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def total_of(*groups):
    return children_total(ChildGroup.objects.filter(pk__in=[g.pk for g in groups]))


def test_part_of_counts_once_and_alone_counts_itself():
    whole = ChildGroupFactory(count=234)
    part = ChildGroupFactory(count=125, parent_group=whole, relation_to_parent="part")
    assert total_of(whole, part).count == 234
    assert total_of(part).count == 125
    assert total_of(whole).count == 234


def test_same_children_reported_twice_count_once():
    first = ChildGroupFactory(count=24)
    again = ChildGroupFactory(count=24, parent_group=first, relation_to_parent="same")
    assert total_of(first, again).count == 24
    assert total_of(again).count == 24


def test_chains_are_followed():
    a = ChildGroupFactory(count=700_000)
    b = ChildGroupFactory(
        count_qualifier="at_least", count=1500, parent_group=a, relation_to_parent="part"
    )
    c = ChildGroupFactory(count=380, parent_group=b, relation_to_parent="part")
    assert total_of(a, c).count == 700_000
    assert total_of(b, c).count == 1500
    assert total_of(b, c).at_least


def test_open_figures_make_the_total_at_least():
    over = ChildGroupFactory(count_qualifier="over", count=1000)
    exact = ChildGroupFactory(count=380)
    total = total_of(over, exact)
    assert (total.count, total.at_least, total.maximum) == (1381, True, None)
    assert str(total) == "at least 1,381"
    assert total.as_dict()["at_least"] is True


def test_exact_and_approximate_and_ranges():
    assert str(total_of(ChildGroupFactory(count=25), ChildGroupFactory(count=6))) == "31"
    approx = total_of(ChildGroupFactory(count_qualifier="approximately", count=20))
    assert str(approx) == "approximately 20"
    ranged = total_of(
        ChildGroupFactory(count_qualifier="up_to", count=50), ChildGroupFactory(count=10)
    )
    assert (ranged.count, ranged.maximum, str(ranged)) == (10, 60, "10–60")


def test_aggregate_claims_and_adults_are_never_added():
    claim = ChildGroupFactory(count=19_546, count_qualifier="at_least", is_aggregate_claim=True)
    people = ChildGroupFactory(count_qualifier="over", count=1200, includes_adults=True)
    group = ChildGroupFactory(count=39)
    total = total_of(claim, people, group)
    assert (total.count, total.at_least, total.groups) == (39, False, 1)


def test_a_link_to_an_aggregate_claim_does_not_hide_the_group():
    claim = ChildGroupFactory(count=700_000, is_aggregate_claim=True)
    part = ChildGroupFactory(count=380, parent_group=claim, relation_to_parent="part")
    assert total_of(claim, part).count == 380


def test_empty_set():
    total = children_total(ChildGroup.objects.none())
    assert (total.count, total.at_least, total.maximum, total.groups) == (0, False, 0, 0)


def test_total_is_one_query(django_assert_num_queries):
    ChildGroupFactory.create_batch(5)
    with django_assert_num_queries(1):
        children_total(ChildGroup.objects.all())


# --- property: the SQL agrees with a plain reference implementation -------------------

QUALIFIERS = ["exact", "at_least", "over", "approximately", "up_to", "unknown"]

group_spec = st.fixed_dictionaries(
    {
        "qualifier": st.sampled_from(QUALIFIERS),
        "count": st.integers(min_value=0, max_value=5000),
        "aggregate": st.booleans(),
        "adults": st.booleans(),
        # index of an earlier group to link to (None: no link), and how
        "link": st.one_of(st.none(), st.integers(min_value=0, max_value=30)),
        "relation": st.sampled_from(["same", "part"]),
        "selected": st.booleans(),
    }
)


def reference_total(specs, selected):
    """Each selected, addable group counts unless an ancestor is selected and addable."""
    addable = {i for i in selected if not specs[i]["aggregate"] and not specs[i]["adults"]}
    minimum, open_ended = 0, False
    for i in addable:
        ancestor, covered = specs[i]["parent"], False
        while ancestor is not None:
            if ancestor in addable:
                covered = True
                break
            ancestor = specs[ancestor]["parent"]
        if covered:
            continue
        bounds = count_bounds(specs[i]["qualifier"], specs[i]["count"], None)
        minimum += bounds.minimum
        open_ended = open_ended or bounds.maximum is None
    return minimum, open_ended


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(group_spec, min_size=1, max_size=12))
def test_sql_total_matches_reference(db, specs):
    incident = IncidentFactory()
    groups = []
    for i, spec in enumerate(specs):
        count = None if spec["qualifier"] == "unknown" else spec["count"]
        spec["count"] = count
        parent = None
        if spec["link"] is not None and i > 0:
            parent = spec["link"] % i
            # keep chains within the bound and parts within their whole, as validation does
            depth, ancestor = 1, specs[parent]["parent"]
            while ancestor is not None:
                depth, ancestor = depth + 1, specs[ancestor]["parent"]
            if depth > 5:
                parent = None
        spec["parent"] = parent
        groups.append(
            ChildGroup.objects.create(
                incident=incident,
                count_qualifier=spec["qualifier"],
                count=count,
                is_aggregate_claim=spec["aggregate"],
                includes_adults=spec["adults"],
                parent_group=groups[parent] if parent is not None else None,
                relation_to_parent=spec["relation"] if parent is not None else "",
            )
        )
    selected = [i for i, spec in enumerate(specs) if spec["selected"]]
    total = children_total(ChildGroup.objects.filter(pk__in=[groups[i].pk for i in selected]))
    expected_minimum, expected_open = reference_total(specs, selected)
    assert total.count == expected_minimum
    assert total.at_least == expected_open


def test_a_group_matching_a_filter_through_several_places_counts_once():
    from apps.cases.selectors import child_group_filter_place
    from apps.regions.models import Region
    from tests.factories import CountryFactory, RegionFactory

    russia = CountryFactory(name_en="Russia")
    oblasts = RegionFactory.create_batch(6, parent=russia)
    group = ChildGroupFactory(count=108)
    group.destination_regions.set(oblasts)
    matching = child_group_filter_place(
        ChildGroup.objects.all(), direction="destination", regions=Region.objects.within(russia)
    )
    assert children_total(matching).count == 108
    # the incident's places stand in for a group that has none of its own
    inherited = ChildGroupFactory(count=5)
    inherited.incident.destination_regions.set(oblasts[:2])
    matching = child_group_filter_place(
        ChildGroup.objects.all(), direction="destination", regions=Region.objects.within(russia)
    )
    assert children_total(matching).count == 113
