"""The OpenAPI schema validates, documents every filter, and every endpoint answers the
shapes it documents."""

import copy

import jsonschema
import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert "PartnerApiKey" in spec["components"]["securitySchemes"]


def test_every_incident_filter_is_documented_with_a_description(spec):
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/incidents/"]["get"]["parameters"]}
    for name in (
        "incident_type",
        "occurred_after",
        "occurred_before",
        "reported_after",
        "reported_before",
        "origin",
        "destination",
        "official",
        "organization",
        "placement",
        "count_min",
        "count_max",
        "verification_status",
        "source_kind",
        "source_language",
        "updated_since",
        "search",
        "ordering",
        "cursor",
        "page_size",
    ):
        assert name in parameters, name
        assert parameters[name].get("description"), f"{name} has no description"


def to_json_schema(node):
    """OpenAPI 3.0 'nullable' becomes a JSON Schema null type, recursively."""
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: to_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        elif "$ref" in node or "allOf" in node or "oneOf" in node:
            node = {"anyOf": [{k: v for k, v in node.items()}, {"type": "null"}]}
        if "enum" in node:
            node["enum"] = [*node["enum"], None]
    return node


@pytest.fixture
def demo_capture(demo, settings):
    """A capture of a source on a local site, so the capture endpoints have one."""
    from apps.archiving.models import Capture
    from apps.archiving.services import capture_job_run
    from tests.archiving.helpers import new_source, open_job
    from tests.support.site import LocalSite

    site = LocalSite()
    settings.ARCHIVE_ALLOW_LOOPBACK = site.netloc
    settings.ARCHIVE_HOST_INTERVAL = 0
    source = new_source(site.page("/statement", "<html><title>Statement</title><p>x</p></html>"))
    capture_job_run(job_id=open_job(source).pk)
    yield Capture.objects.get(source=source)
    site.close()


def test_every_get_endpoint_answers_its_documented_shape(demo_capture, staff_api, spec):
    document = to_json_schema(copy.deepcopy(spec))
    checked = 0
    for path, operations in spec["paths"].items():
        if "get" not in operations or path.endswith("/schema/"):
            continue
        url = path.replace("{source_pk}", str(demo_capture.source_id))
        path = url
        if path.endswith(("/warc/", "/page/")):  # files, not JSON
            response = staff_api.get(path.replace("{id}", str(demo_capture.pk)))
            assert response.status_code == 200, path
            documented = operations["get"]["responses"]["200"]["content"]
            assert response["Content-Type"].split(";")[0] in documented
            checked += 1
            continue
        if "{id}" in path:
            listing = staff_api.get(path.replace("{id}/", "")).json()
            url = path.replace("{id}", str(listing["results"][0]["id"]))
        if "{fmt}" in path:  # the export: a stream, not JSON
            for fmt, content_type in (("ndjson", "application/x-ndjson"), ("csv", "text/csv")):
                response = staff_api.get(url.replace("{fmt}", fmt))
                assert response.status_code == 200, url
                assert response["Content-Type"].startswith(content_type)
                assert content_type in operations["get"]["responses"]["200"]["content"]
            checked += 1
            continue
        response = staff_api.get(url)
        assert response.status_code == 200, url
        schema = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        resolver_root = {**document, **to_json_schema(schema)}
        jsonschema.validate(response.json(), resolver_root)
        checked += 1
    assert checked >= 20  # eight resources (list and detail), files, statistics, export


def test_docs_are_served_without_a_cdn(staff_api):
    page = staff_api.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower()


def test_schema_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    # --fail-on-warn: an unresolvable field or enum collision fails here, not in a partner's
    # code generator.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )
