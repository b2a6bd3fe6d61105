"""A partner key never sees an unpublished record, whatever it asks for."""

import pytest

from apps.cases.models import ChildGroup, Citation, Incident
from apps.sources.models import Source
from tests.api.conftest import walk
from tests.factories import ChildGroupFactory, IncidentFactory, SourceFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Sealed: ongoing investigation in Kherson"


@pytest.fixture
def secret_records(demo, regions):
    incident = IncidentFactory(
        title=SECRET_TITLE,
        summary="Not for partners yet.",
        is_published=False,
        verification_status="unverified",
    )
    incident.origin_regions.set(Incident.objects.none())
    from apps.regions.models import Region

    kherson = Region.objects.get(iso_code="UA-65")
    incident.origin_regions.add(kherson)
    group = ChildGroupFactory(
        incident=incident, count=77, description="sealed group", placement="adoption"
    )
    source = SourceFactory(
        url_as_cited="https://t.me/sealed_channel/1",
        url="https://t.me/sealed_channel/1",
        title="Sealed source",
    )
    Citation.objects.create(incident=incident, source=source, child_group=group)
    unpublished = set(Incident.objects.filter(is_published=False).values_list("pk", flat=True))
    assert len(unpublished) >= 3
    return {
        "incidents": unpublished,
        "groups": set(
            ChildGroup.objects.filter(incident__in=unpublished).values_list("pk", flat=True)
        ),
        # sources cited only by unpublished incidents
        "sources": set(
            Source.objects.exclude(citations__incident__is_published=True)
            .exclude(footnotes__incident__is_published=True)
            .values_list("pk", flat=True)
        ),
        "citations": set(
            Citation.objects.filter(incident__in=unpublished).values_list("pk", flat=True)
        ),
    }


FILTERS = [
    {},
    {"is_published": "false"},
    {"search": "Sealed"},
    {"search": SECRET_TITLE},
    {"origin": "UA-65"},
    {"origin": "UA"},
    {"placement": "adoption"},
    {"count_min": "77", "count_max": "77"},
    {"verification_status": "unverified"},
    {"updated_since": "2000-01-01T00:00:00Z"},
    {"occurred_after": "2000-01-01", "occurred_before": "2100-01-01"},
    {"source_kind": "telegram"},
    {"ordering": "-updated_at"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: ",".join(p) or "no-filter")
def test_partner_lists_hold_no_unpublished_incident(partner_api, staff_api, secret_records, params):
    seen = {item["id"] for item in walk(partner_api, "/api/v1/incidents/", params)}
    assert not seen & secret_records["incidents"]
    if params in ({}, {"is_published": "false"}):
        staff_seen = {item["id"] for item in walk(staff_api, "/api/v1/incidents/", params)}
        assert secret_records["incidents"] <= staff_seen  # the filter itself works


@pytest.mark.parametrize(
    ("endpoint", "kind", "params"),
    [
        ("/api/v1/child-groups/", "groups", {}),
        ("/api/v1/child-groups/", "groups", {"search": "sealed"}),
        ("/api/v1/child-groups/", "groups", {"count_min": "77"}),
        ("/api/v1/child-groups/", "groups", {"origin": "UA-65"}),
        ("/api/v1/sources/", "sources", {}),
        ("/api/v1/sources/", "sources", {"search": "sealed"}),
        ("/api/v1/sources/", "sources", {"kind": "telegram"}),
        ("/api/v1/citations/", "citations", {}),
    ],
)
def test_partner_never_sees_groups_sources_or_citations_of_unpublished_incidents(
    partner_api, staff_api, secret_records, endpoint, kind, params
):
    seen = {item["id"] for item in walk(partner_api, endpoint, params)}
    if not params:
        assert seen, "the partner should see the published records"
    assert not seen & secret_records[kind]
    staff_seen = {item["id"] for item in walk(staff_api, endpoint, params)}
    assert staff_seen & secret_records[kind]


def test_partner_gets_404_for_each_unpublished_detail(partner_api, staff_api, secret_records):
    routes = {
        "incidents": "incidents",
        "groups": "child-groups",
        "sources": "sources",
        "citations": "citations",
    }
    for kind, route in routes.items():
        for pk in secret_records[kind]:
            assert partner_api.get(f"/api/v1/{route}/{pk}/").status_code == 404
            assert staff_api.get(f"/api/v1/{route}/{pk}/").status_code == 200


def test_embedded_groups_and_citations_are_only_of_published_incidents(partner_api, secret_records):
    for incident in walk(partner_api, "/api/v1/incidents/"):
        assert incident["is_published"] is True
        assert not {g["id"] for g in incident["child_groups"]} & secret_records["groups"]
        assert not {c["id"] for c in incident["citations"]} & secret_records["citations"]


def test_filtering_by_a_hidden_id_tells_nothing(partner_api, secret_records):
    """A hidden incident or source answers as a missing one: nothing, and no error that
    a missing id would not give."""
    missing = max(Incident.objects.values_list("pk", flat=True)) + 1000
    for parameter, kind in (("incident", "incidents"), ("source", "sources")):
        for pk in sorted(secret_records[kind])[:3]:
            hidden = partner_api.get("/api/v1/citations/", {parameter: pk})
            absent = partner_api.get("/api/v1/citations/", {parameter: missing})
            assert hidden.status_code == absent.status_code == 200
            assert hidden.json()["results"] == absent.json()["results"] == []
