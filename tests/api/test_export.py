"""Streamed exports: every matching incident once, partners see published only, and the
number of queries grows with chunks, not with rows."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.cases.models import Incident
from tests.api.conftest import walk
from tests.factories import ChildGroupFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def ndjson(client, params=None) -> list[dict]:
    response = client.get("/api/v1/export/incidents.ndjson", params or {})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/x-ndjson"
    return [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]


def test_ndjson_holds_every_matching_incident_once(demo, staff_api):
    rows = ndjson(staff_api)
    assert sorted(r["id"] for r in rows) == sorted(Incident.objects.values_list("pk", flat=True))
    for params in ({"origin": "UA-09"}, {"placement": "adoption", "occurred_after": "2022-10-01"}):
        exported = [r["id"] for r in ndjson(staff_api, params)]
        listed = [r["id"] for r in walk(staff_api, "/api/v1/incidents/", params)]
        assert exported and sorted(exported) == sorted(listed)
        assert len(exported) == len(set(exported)) < len(rows)


def test_partner_export_has_published_incidents_only(demo, partner_api):
    rows = ndjson(partner_api, {"is_published": "false"})
    assert rows == []
    rows = ndjson(partner_api)
    assert rows and all(r["is_published"] for r in rows)
    assert len(rows) == Incident.objects.filter(is_published=True).count()


def test_csv_has_a_header_and_one_row_per_incident(demo, partner_api):
    response = partner_api.get("/api/v1/export/incidents.csv", {"origin": "UA-14"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert table[0][:3] == ["id", "title", "incident_type"]
    krasnodar = next(row for row in table[1:] if "Mariupol" in row[1])
    assert "over 1,000" in krasnodar[table[0].index("child_groups")]


def test_bad_filter_and_unknown_format(partner_api):
    assert (
        partner_api.get("/api/v1/export/incidents.ndjson", {"reported_after": "soon"}).status_code
        == 400
    )
    assert partner_api.get("/api/v1/export/incidents.xlsx").status_code == 404


def test_queries_grow_with_chunks_not_rows(staff_api, monkeypatch):
    import apps.cases.api.export as export

    monkeypatch.setattr(export, "CHUNK", 10)

    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = staff_api.get("/api/v1/export/incidents.ndjson")
            lines = b"".join(response.streaming_content).splitlines()
        return len(ctx.captured_queries), len(lines)

    for _ in range(10):
        ChildGroupFactory(incident=IncidentFactory())
    ten_queries, ten = queries_for_export()
    for _ in range(10):
        ChildGroupFactory(incident=IncidentFactory())
    twenty_queries, twenty = queries_for_export()
    assert (ten, twenty) == (10, 20)
    # one more chunk: a fixed number of queries more, whatever the rows in it
    per_chunk = twenty_queries - ten_queries
    assert 0 < per_chunk <= 12


def test_documents_built_in_bulk_equal_the_serializer(demo, staff_api):
    """The incident list, detail and export build documents in bulk from the one
    definition, IncidentSerializer; on every demo incident each equals, field for field,
    what DRF itself makes of that serializer."""
    from apps.cases.api.serializers import IncidentSerializer

    expected = {
        incident.pk: json.loads(json.dumps(IncidentSerializer(incident).data))
        for incident in Incident.objects.all()
    }
    exported = {row["id"]: row for row in ndjson(staff_api)}
    listed = {row["id"]: row for row in walk(staff_api, "/api/v1/incidents/", {"page_size": 7})}
    assert len(expected) == len(exported) == len(listed) == Incident.objects.count()
    for pk, document in expected.items():
        detail = staff_api.get(f"/api/v1/incidents/{pk}/").json()
        # the same keys in the same order at every level, and the same values
        for built in (exported[pk], listed[pk], detail):
            assert json.dumps(built) == json.dumps(document)
    # a group with its own places and a facility, officials and citations were compared
    assert any(g["facility"] for r in expected.values() for g in r["child_groups"])
    assert any(g["destination_regions"] for r in expected.values() for g in r["child_groups"])
    assert any(r["officials_involved"] and r["citations"] for r in expected.values())


FILTER_SAMPLES = [
    {"search": "Mariupol"},
    {"search": "zzzznomatch"},
    {"origin": "UA-09"},
    {"destination": "RU-MOS"},
    {"placement": "adoption"},
    {"incident_type": "transfer"},
    {"occurred_after": "2025-01-01"},
    {"reported_before": "2023-01-01"},
    {"count_min": "100"},
    {"source_kind": "telegram"},
    {"verification_status": "unverified"},
]


@pytest.mark.parametrize(
    "params", FILTER_SAMPLES, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items())
)
def test_list_statistics_and_exports_answer_for_the_same_incidents(demo, staff_api, params):
    """Every incident filter (search included) means the same in the list, the
    statistics and both exports."""
    from apps.cases.models import ChildGroup
    from apps.cases.totals import children_total

    listed = sorted(r["id"] for r in walk(staff_api, "/api/v1/incidents/", params))
    exported = sorted(r["id"] for r in ndjson(staff_api, params))
    response = staff_api.get("/api/v1/export/incidents.csv", params)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    in_csv = sorted(int(row[0]) for row in list(csv.reader(io.StringIO(text)))[1:])
    assert listed == exported == in_csv
    statistics = staff_api.get("/api/v1/statistics/children/", params).json()["total"]
    if not set(params) & {"origin", "destination", "placement", "count_min", "count_max"}:
        # (filters that describe children narrow the statistics to the groups they
        # describe: tests/api/test_statistics.py)
        expected = children_total(ChildGroup.objects.filter(incident__in=listed)).as_dict()
        assert statistics == expected
    if params.get("search") == "zzzznomatch":
        assert listed == [] and statistics["count"] == 0
    else:
        assert listed, "each sample matches some demo incident"
