"""The one totals function: each child once, qualifiers kept, computed in SQL."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.cases.models import ChildGroup, ChildGroupLink, count_bounds
from apps.cases.totals import children_total
from tests.factories import ChildGroupFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def total_of(*groups):
    return children_total(ChildGroup.objects.filter(pk__in=[g.pk for g in groups]))


def test_part_of_counts_once_and_alone_counts_itself():
    whole = ChildGroupFactory(count=234)
    part = ChildGroupFactory(count=125, links=[(whole, "part")])
    assert total_of(whole, part).count == 234
    assert total_of(part).count == 125
    assert total_of(whole).count == 234


def test_same_children_reported_twice_count_once():
    first = ChildGroupFactory(count=24)
    again = ChildGroupFactory(count=24, links=[(first, "same")])
    assert total_of(first, again).count == 24
    assert total_of(again).count == 24


def test_chains_are_followed():
    a = ChildGroupFactory(count=700_000)
    b = ChildGroupFactory(count_qualifier="at_least", count=1500, links=[(a, "part")])
    c = ChildGroupFactory(count=380, links=[(b, "part")])
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
    part = ChildGroupFactory(count=380, links=[(claim, "part")])
    assert total_of(claim, part).count == 380


def test_empty_set():
    total = children_total(ChildGroup.objects.none())
    assert (total.count, total.at_least, total.maximum, total.groups) == (0, False, 0, 0)


def test_total_is_one_query_without_links_and_two_with(django_assert_num_queries):
    groups = ChildGroupFactory.create_batch(5)
    with django_assert_num_queries(1):
        children_total(ChildGroup.objects.all())
    ChildGroupFactory(links=[(groups[0], "part")])
    with django_assert_num_queries(2):
        children_total(ChildGroup.objects.all())


# --- many links -------------------------------------------------------------------


def test_the_same_children_as_one_group_and_part_of_another_count_once():
    """The 24 reported again in 2025 are the 2022 24, and part of a larger figure: the
    2022 group is inside that figure too, through the same children."""
    first = ChildGroupFactory(count=24)
    larger = ChildGroupFactory(count=49)
    again = ChildGroupFactory(count=24, links=[(first, "same"), (larger, "part")])
    assert total_of(first, larger, again).count == larger.count
    assert total_of(first, larger).count == larger.count
    assert total_of(first, again).count == first.count


def test_the_same_children_count_with_the_figure_every_report_supports():
    stated_loosely = ChildGroupFactory(count_qualifier="over", count=20)
    stated_exactly = ChildGroupFactory(count=24, links=[(stated_loosely, "same")])
    total = total_of(stated_loosely, stated_exactly)
    assert (total.count, total.at_least, total.groups) == (stated_exactly.count, False, 1)


def test_two_figures_holding_the_same_part_count_as_the_larger_at_most_their_sum():
    """Each holds the 30; how far they overlap beyond it no source says."""
    first, second = ChildGroupFactory(count=100), ChildGroupFactory(count=80)
    ChildGroupFactory(count=30, links=[(first, "part"), (second, "part")])
    total = total_of(first, second)
    assert (total.count, total.maximum) == (first.count, first.count + second.count)
    assert str(total) == f"{first.count:,}–{first.count + second.count:,}"


def test_two_parts_of_one_whole_count_as_the_larger_at_most_their_sum():
    # "80 in foster families" and "70 with disabilities" of the same 100 may be the same
    # children: without the 100, at least 80, never 150.
    whole = ChildGroupFactory(count=100)
    foster = ChildGroupFactory(count=80)
    disabled = ChildGroupFactory(count=70)
    for part in (foster, disabled):
        ChildGroupLink.objects.create(group=part, counted_in=whole, relation="part")
    total = total_of(foster, disabled)
    assert (total.count, total.maximum) == (80, 150)
    assert total_of(whole, foster, disabled).count == 100


def test_a_part_of_two_wholes_counts_once_when_alone_and_inside_either():
    first, second = ChildGroupFactory(count=100), ChildGroupFactory(count=80)
    part = ChildGroupFactory(count=30, links=[(first, "part"), (second, "part")])
    assert total_of(part).count == part.count
    assert total_of(part, second).count == second.count
    assert total_of(part, first).count == first.count


def test_breakdown_buckets_follow_many_links():
    from django.db.models import F

    from apps.cases.totals import children_total_by

    whole = ChildGroupFactory(count=100, placement="unknown")
    same = ChildGroupFactory(count=100, placement="foster", links=[(whole, "same")])
    part = ChildGroupFactory(count=30, placement="foster", links=[(same, "part")])
    totals = children_total_by(ChildGroup.objects.all(), key=F("placement"))
    # in the foster bucket the 30 are inside the 100 (the same children as the whole)
    assert totals["foster"].count == same.count
    assert totals["unknown"].count == whole.count
    assert total_of(whole, part).count == whole.count


# --- property: the totals agree with a plain reference implementation ----------------

QUALIFIERS = ["exact", "at_least", "over", "approximately", "up_to", "between", "unknown"]
sometimes = st.integers(0, 5).map(lambda n: n == 0)

group_spec = st.fixed_dictionaries(
    {
        "qualifier": st.sampled_from(QUALIFIERS),
        "count": st.integers(min_value=0, max_value=5000),
        "spread": st.integers(min_value=1, max_value=500),  # 'between': upper - lower
        # mostly countable and selected, so that links between counted groups are common
        "aggregate": sometimes,
        "adults": sometimes,
        "placement": st.sampled_from(["foster", "adoption"]),
        "selected": st.integers(0, 3).map(bool),
    }
)
# (group, group it is counted in, relation), as indexes into the groups
link_spec = st.tuples(
    st.integers(min_value=0, max_value=7),
    st.integers(min_value=0, max_value=7),
    st.sampled_from(["same", "part"]),
)


def reference_sets(n, links):
    """Which set of children each group is in (same-children links merge sets), and
    which sets hold which (part-of links between sets)."""
    set_of = list(range(n))
    merged = True
    while merged:
        merged = False
        for i, j, relation in links:
            if relation == "same" and set_of[i] != set_of[j]:
                gone, kept = max(set_of[i], set_of[j]), min(set_of[i], set_of[j])
                set_of = [kept if s == gone else s for s in set_of]
                merged = True
    inside = {(set_of[i], set_of[j]) for i, j, relation in links if relation == "part"}
    return set_of, inside


def reference_closure(start, pairs):
    found, frontier = set(), {start}
    while frontier:
        frontier = {b for a, b in pairs if a in frontier} - found
        found |= frontier
    return found


def reference_makes_loop(n, links):
    _, inside = reference_sets(n, links)
    return any(a == b for a, b in inside) or any(
        a in reference_closure(a, inside) for a, _ in inside
    )


def reference_total(specs, links, chosen):
    """By the rules of apps.cases.totals, written out plainly."""
    set_of, inside = reference_sets(len(specs), links)
    holders = {s: reference_closure(s, inside) for s in set(set_of)}
    parts = {s: reference_closure(s, {(b, a) for a, b in inside}) for s in set(set_of)}
    figures = {}
    for i in chosen:
        if specs[i]["aggregate"] or specs[i]["adults"]:
            continue
        upper = specs[i]["count_upper"]
        bounds = count_bounds(specs[i]["qualifier"], specs[i]["count"], upper)
        figures.setdefault(set_of[i], []).append((bounds, specs[i]["qualifier"]))
    combined = {}
    for s, members in figures.items():
        low = max(b.minimum for b, _ in members)
        highs = [b.maximum for b, _ in members if b.maximum is not None]
        high = max(low, min(highs)) if highs else None
        combined[s] = (low, high, any(q == "approximately" for _, q in members))
    outer = [s for s in combined if not holders[s] & set(combined)]
    clusters = [{s} for s in outer]
    merged = True
    while merged:
        merged = False
        for a in clusters:
            for b in clusters:
                reach_a = set().union(*({s} | parts[s] | holders[s] for s in a))
                reach_b = set().union(*({s} | parts[s] | holders[s] for s in b))
                if a is not b and reach_a & reach_b:
                    a |= b
                    clusters.remove(b)
                    merged = True
                    break
            if merged:
                break
    minimum, maximum, open_ended, approximate = 0, 0, False, False
    for cluster in clusters:
        minimum += max(combined[s][0] for s in cluster)
        for s in cluster:
            high = combined[s][1]
            open_ended = open_ended or high is None
            maximum += high or 0
            approximate = approximate or combined[s][2]
    return minimum, None if open_ended else maximum, open_ended, approximate


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(group_spec, min_size=1, max_size=8),
    wanted_links=st.lists(link_spec, max_size=14),
)
def test_sql_total_matches_reference(db, specs, wanted_links):
    from django.db.models import F

    from apps.cases.totals import children_total_by

    incident = IncidentFactory()
    groups = []
    for spec in specs:
        unknown = spec["qualifier"] == "unknown"
        spec["count"] = None if unknown else spec["count"]
        between = spec["qualifier"] == "between"
        spec["count_upper"] = spec["count"] + spec["spread"] if between else None
        groups.append(
            ChildGroupFactory(
                incident=incident,
                count_qualifier=spec["qualifier"],
                count=spec["count"],
                count_upper=spec["count_upper"],
                is_aggregate_claim=spec["aggregate"],
                includes_adults=spec["adults"],
                placement=spec["placement"],
            )
        )
    links = []
    for i, j, relation in wanted_links:
        i, j = i % len(specs), j % len(specs)
        if i == j or any({i, j} == {a, b} for a, b, _ in links):
            continue  # validation refuses a self link and a second link between two groups
        if reference_makes_loop(len(specs), [*links, (i, j, relation)]):
            continue  # and a loop
        links.append((i, j, relation))
        ChildGroupLink.objects.create(group=groups[i], counted_in=groups[j], relation=relation)
    chosen = [i for i, spec in enumerate(specs) if spec["selected"]]
    selection = ChildGroup.objects.filter(pk__in=[groups[i].pk for i in chosen])

    total = children_total(selection)
    minimum, maximum, open_ended, approximate = reference_total(specs, links, chosen)
    assert (total.count, total.maximum, total.at_least) == (minimum, maximum, open_ended)
    assert total.approximate == approximate

    by_placement = children_total_by(selection, key=F("placement"))
    for placement in ("foster", "adoption"):
        in_bucket = [i for i in chosen if specs[i]["placement"] == placement]
        expected = reference_total(specs, links, in_bucket)
        got = by_placement.get(placement)
        if got is None:
            assert expected[0] == 0 and not any(
                not specs[i]["aggregate"] and not specs[i]["adults"] for i in in_bucket
            )
        else:
            assert (got.count, got.maximum, got.at_least) == expected[:3]


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
