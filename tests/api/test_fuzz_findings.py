"""What the schemathesis run (test_fuzz.py) found, each pinned by a focused test."""

import jsonschema
import pytest

from tests.api.test_schema import to_json_schema
from tests.factories import ChildGroupFactory, IncidentFactory, OfficialFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_every_operation_documents_the_errors_it_can_give(spec):
    checked = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            expected = {"400", "401", "403", "404", "429"}
            if "requestBody" in operation:
                expected.add("413")
            assert expected <= documented, f"{method.upper()} {path}: {expected - documented}"
            checked += 1
    assert checked >= 40


@pytest.mark.parametrize(
    ("client_name", "method", "url", "status"),
    [
        ("anonymous", "get", "/api/v1/incidents/", 401),
        ("partner_api", "post", "/api/v1/incidents/", 403),
        ("staff_api", "get", "/api/v1/incidents/999999/", 404),
        ("staff_api", "get", "/api/v1/incidents/?cursor=nonsense", 404),
        ("staff_api", "get", "/api/v1/child-groups/?incident=0", 400),
    ],
)
def test_errors_answer_in_the_documented_shape(request, spec, client_name, method, url, status):
    from rest_framework.test import APIClient

    client = APIClient() if client_name == "anonymous" else request.getfixturevalue(client_name)
    response = getattr(client, method)(url, {} if method == "post" else None, format="json")
    assert response.status_code == status
    path = url.split("?")[0].replace("999999", "{id}")
    documented = spec["paths"][path][method]["responses"][str(status)]
    name = documented["$ref"].rsplit("/", 1)[-1]
    schema = spec["components"]["responses"][name]["content"]["application/json"]["schema"]
    document = to_json_schema(spec)
    jsonschema.validate(response.json(), {**document, **schema})
    assert response.json()["error"]["status"] == status


def test_id_filters_document_that_an_id_starts_at_1(spec):
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/child-groups/"]["get"]["parameters"]}
    assert parameters["incident"]["schema"]["type"] == "integer"
    assert parameters["incident"]["schema"]["minimum"] == 1
    assert parameters["count_min"]["schema"]["minimum"] == 0
    incidents = {p["name"]: p for p in spec["paths"]["/api/v1/incidents/"]["get"]["parameters"]}
    assert incidents["official"]["schema"]["items"]["minimum"] == 1


@pytest.mark.parametrize(
    ("make", "url", "field"),
    [
        (lambda: ChildGroupFactory(facility=None), "/api/v1/child-groups/{}/", "facility_name"),
        (lambda: SourceFactory(speaker=None), "/api/v1/sources/{}/", "speaker_name"),
    ],
)
def test_a_partial_update_answers_the_whole_record(staff_api, make, url, field):
    """A PATCH answered the record without fields whose source is empty (a group with no
    facility had no facility_name), unlike the read and the schema, which give null."""
    record = make()
    response = staff_api.patch(url.format(record.pk), {}, format="json")
    assert response.status_code == 200
    assert response.json()[field] is None
    assert response.json() == staff_api.get(url.format(record.pk)).json()


def test_a_partial_update_of_an_incident_answers_its_groups_whole(staff_api):
    incident = IncidentFactory()
    ChildGroupFactory(incident=incident, facility=None)
    response = staff_api.patch(f"/api/v1/incidents/{incident.pk}/", {"title": "renamed"})
    assert response.status_code == 200
    assert response.json()["child_groups"][0]["facility_name"] is None


def test_a_partial_update_of_an_official_answers_its_positions_whole(staff_api):
    official = OfficialFactory()
    official.positions.create(title="Commissioner")
    response = staff_api.patch(f"/api/v1/officials/{official.pk}/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["positions"][0]["organization_name"] is None


@pytest.mark.parametrize(
    "query",
    ["page_size=abc", "page_size=0", "page_size=501", "page_size=-3", "page_size=5&page_size=6"],
)
def test_a_page_size_that_is_not_one_whole_number_in_range_is_refused(partner_api, query):
    # DRF answered 50 records for any of these, as if the parameter had been right.
    IncidentFactory.create_batch(3, is_published=True, published_at="2025-01-01T00:00Z")
    response = partner_api.get(f"/api/v1/incidents/?{query}")
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]["fields"]


def test_page_size_documents_its_range(spec):
    parameters = spec["paths"]["/api/v1/incidents/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert (page_size["schema"]["minimum"], page_size["schema"]["maximum"]) == (1, 500)
