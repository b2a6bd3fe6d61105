"""Statistics come from the one totals function: no double counting, qualifiers kept."""

import datetime as dt
import json

import pytest

from apps.cases.models import ChildGroup, Incident
from tests.factories import ChildGroupFactory, IncidentFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/statistics/children/"


def buckets(body) -> dict[str, dict]:
    return {b["key"]: b["children"] for b in body["buckets"]}


def test_total_matches_the_demo_and_keeps_the_qualifier(demo, staff_api):
    from tests.demo.test_load_demo import counted_in_demo_data

    body = staff_api.get(URL).json()
    minimum, open_ended = counted_in_demo_data()
    assert (body["total"]["count"], body["total"]["at_least"]) == (minimum, open_ended)


def test_claims_are_shown_beside_the_total_never_in_it(demo, staff_api):
    body = staff_api.get(URL).json()
    claims = {claim["group"]: claim for claim in body["claims"]}
    russia = ChildGroup.objects.get(import_key="g-700000")
    claim = claims[russia.pk]
    assert (claim["side"], claim["incident"], claim["count_min"]) == (
        "russian_authorities",
        russia.incident_id,
        russia.count,
    )
    assert "Maria Lvova-Belova" in claim["speakers"]
    assert (
        claim["statement"].startswith("Russian authorities (Maria Lvova-Belova, ")
        and "claim a total of 700,000 children 'accepted' from Ukraine" in claim["statement"]
    )
    assert claim["period"] == russia.incident.occurred_as_stated
    ukraine = ChildGroup.objects.get(import_key="g-ukraine-19546")
    assert claims[ukraine.pk]["side"] == "ukrainian_authorities"
    assert set(claims) == set(
        ChildGroup.objects.filter(is_aggregate_claim=True).values_list("pk", flat=True)
    )
    assert body["total"]["count"] < russia.count


def test_partners_see_only_claims_of_published_incidents(demo, staff_api, partner_api):
    claim = ChildGroup.objects.get(import_key="g-zakharova-122")
    claim.incident.set_status("withdrawn")
    claim.incident.save()
    staff = {c["group"] for c in staff_api.get(URL).json()["claims"]}
    partner = {c["group"] for c in partner_api.get(URL).json()["claims"]}
    assert claim.pk in staff and claim.pk not in partner
    assert partner and partner < staff


def test_by_destination_counts_the_125_inside_the_234_once(demo, staff_api):
    body = staff_api.get(URL, {"by": "destination", "incident_type": "transfer"}).json()
    moscow = buckets(body)["RU-MOS"]
    assert moscow["count"] == 234 and moscow["at_least"] is False
    # the 24 Novosibirsk children, reported in 2022 and again in 2025, count once
    body = staff_api.get(URL, {"by": "destination", "destination": "RU-NVS"}).json()
    assert buckets(body)["RU-NVS"]["count"] == 24 + 49


def test_country_bucket_holds_only_groups_placed_in_the_country(demo, staff_api):
    body = staff_api.get(URL, {"by": "destination"}).json()
    russia = buckets(body)["RU"]
    # the 288 in 15 unnamed subjects and the 1,500 orphans (the 380 inside them), whose
    # destination is their incident's, Russia; the 700,000 is a claim, not counted
    assert russia["count"] == 288 + 1500 and russia["at_least"] is True
    assert any(b["label"] == "Russia (region not stated)" for b in body["buckets"])


def test_by_placement_and_year(demo, staff_api):
    placement = buckets(staff_api.get(URL, {"by": "placement"}).json())
    assert placement["medical"]["count"] == 39  # the over-1,200 include adults
    # 112 of Moscow Oblast's 213, the 5 baptised, the 380 of the 1,500 orphans: the
    # groups they are part of are not in the foster bucket, so each counts here.
    assert placement["foster"]["count"] == 112 + 5 + 380
    years = buckets(staff_api.get(URL, {"by": "year"}).json())
    assert years["2025"]["count"] == 7 + 13 + 39 + 24


def test_partner_statistics_leave_out_unpublished_incidents(demo, staff_api, partner_api):
    incident = Incident.objects.get(import_key="2022-07-22-kaluga-25")
    incident.set_status("withdrawn")
    incident.save()
    staff = staff_api.get(URL, {"destination": "RU-KLU"}).json()["total"]["count"]
    partner = partner_api.get(URL, {"destination": "RU-KLU"}).json()["total"]["count"]
    assert staff - partner == 25


@pytest.mark.parametrize(
    ("params", "direction"),
    [({"origin": "UA-09"}, "origin"), ({"destination": "RU-MOS"}, "destination")],
)
def test_place_filters_count_the_children_from_there_not_whole_incidents(
    demo, staff_api, params, direction
):
    """Children from Luhansk Oblast are the groups whose own origin (or, for a group
    with none, its incident's) is in Luhansk Oblast, not every group of an incident
    that names Luhansk somewhere (the 700,000 claimed accepted "since 2022" has no
    Luhansk origin)."""
    from apps.cases.models import ChildGroup
    from apps.cases.selectors import child_group_filter_place
    from apps.cases.totals import children_total
    from apps.regions.models import Region

    region = Region.objects.get(iso_code=next(iter(params.values())))
    from_there = child_group_filter_place(
        ChildGroup.objects.all(), direction=direction, regions=Region.objects.within(region)
    )
    body = staff_api.get(URL, params).json()
    assert body["total"] == children_total(from_there).as_dict()
    assert 0 < body["total"]["count"] < 700_000


def test_placement_and_count_filters_count_those_groups_only(demo, staff_api):
    from apps.cases.models import ChildGroup
    from apps.cases.totals import children_total

    adoption = staff_api.get(URL, {"placement": "adoption"}).json()["total"]
    assert adoption == children_total(ChildGroup.objects.filter(placement="adoption")).as_dict()
    large = staff_api.get(URL, {"count_min": "1000"}).json()["total"]
    assert large == children_total(ChildGroup.objects.filter(count_min__gte=1000)).as_dict()


@pytest.mark.parametrize(
    "params", [{"by": "galaxy"}, {"occurred_after": "x"}, {"origin": "Narnia"}, {"by": "year\x00"}]
)
def test_bad_parameters_are_400s(partner_api, params):
    response = partner_api.get(URL, params)
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) & set(params)


def test_a_claim_gives_its_report_date_at_its_precision(staff_api):
    # "reported_on": "2023-07-01" read as a day the report never gave.
    incident = IncidentFactory(reported_on=dt.date(2023, 7, 1), reported_precision="month")
    ChildGroupFactory(
        incident=incident, count=700_000, is_aggregate_claim=True, claimed_by="russian_authorities"
    )
    (claim,) = staff_api.get(URL).json()["claims"]
    assert claim["reported"] == "July 2023"
    assert "2023-07-01" not in json.dumps(claim)
