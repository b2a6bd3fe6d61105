"""Queries per page, cursor walks, errors and writes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import PartnerAPIKey
from apps.cases.models import Incident, IncidentOfficial
from tests.api.conftest import walk
from tests.factories import ChildGroupFactory, IncidentFactory, OfficialFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/incidents/",
    "/api/v1/child-groups/",
    "/api/v1/sources/",
    "/api/v1/officials/",
    "/api/v1/organizations/",
    "/api/v1/regions/",
    "/api/v1/citations/",
]


def queries_for(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", LISTS)
def test_queries_per_list_request_do_not_grow_with_page_size(demo, partner_api, url):
    partner_api.get(url)  # the first use of a key records it: one write, once a minute
    small = queries_for(partner_api, url, {"page_size": 2})
    large = queries_for(partner_api, url, {"page_size": 30})
    assert large == small


def test_cursor_walk_returns_every_published_incident_once_despite_inserts(partner_api):
    for i in range(23):
        IncidentFactory(title=f"published {i}", is_published=True, published_at="2025-01-01T00:00Z")
    IncidentFactory.create_batch(4, is_published=False)
    expected = set(Incident.objects.filter(is_published=True).values_list("pk", flat=True))
    seen, response = [], partner_api.get("/api/v1/incidents/", {"page_size": 5})
    while True:
        body = response.json()
        seen.extend(item["id"] for item in body["results"])
        # records added during the walk must not shift or repeat the pages
        IncidentFactory(
            title="added during the walk", is_published=True, published_at="2025-01-01T00:00Z"
        )
        if not body["next"]:
            break
        response = partner_api.get(body["next"])
    assert len(seen) == len(set(seen))
    assert expected <= set(seen)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"occurred_after": "2025-13-45"}, "occurred_after"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"origin": "Atlantis"}, "origin"),
        ({"official": "999999"}, "official"),
        ({"count_min": "many"}, "count_min"),
        ({"incident_type": "picnic"}, "incident_type"),
        ({"search": "a\x00b"}, "search"),
        ({"origin": "UA-14\x00"}, "origin"),
        # beyond what a database column holds, or digits that are not 0-9
        ({"official": "99999999999999999999"}, "official"),
        ({"organization": "99999999999999999999"}, "organization"),
        ({"count_min": "99999999999999999999"}, "count_min"),
        ({"origin": "²"}, "origin"),
        ({"destination": "99999999999999999999"}, "destination"),
        ({"updated_since": "2000-01-01T00:00:00+19:34"}, "updated_since"),
    ],
)
def test_bad_filter_values_are_400s_naming_the_parameter(partner_api, regions, params, field):
    for url in (
        "/api/v1/incidents/",
        "/api/v1/statistics/children/",
        "/api/v1/export/incidents.csv",
    ):
        response = partner_api.get(url, params)
        assert response.status_code == 400, url
        error = response.json()["error"]
        assert error["status"] == 400 and field in error["fields"]


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/child-groups/", {"incident": "99999999999999999999"}, "incident"),
        ("/api/v1/citations/", {"source": "99999999999999999999"}, "source"),
        ("/api/v1/regions/", {"within": "²"}, "within"),
        ("/api/v1/organizations/", {"region": "99999999999999999999"}, "region"),
        ("/api/v1/sources/", {"updated_since": "2000-01-01T00:00:00+19:34"}, "updated_since"),
    ],
)
def test_out_of_range_ids_and_times_are_400s_on_every_list(partner_api, url, params, field):
    response = partner_api.get(url, params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_a_time_with_a_far_offset_is_compared_in_utc(demo, partner_api):
    # +13:45 is a real offset (Chatham Islands, summer); PostgreSQL and SQLite must agree.
    early = partner_api.get("/api/v1/incidents/", {"updated_since": "2000-01-01T00:00:00+13:45"})
    late = partner_api.get("/api/v1/incidents/", {"updated_since": "2100-01-01T00:00:00+13:45"})
    assert early.status_code == late.status_code == 200
    assert early.json()["results"] and late.json()["results"] == []


@pytest.mark.parametrize("field", ["incident", "source"])
def test_an_id_no_database_can_hold_is_a_400_on_write(staff_api, demo, field):
    from apps.cases.models import Citation

    citation = Citation.objects.first()
    body = {"incident": citation.incident_id, "source": citation.source_id, "claim": "x"}
    body[field] = 1e309
    response = staff_api.post(
        "/api/v1/citations/",
        data=json.dumps(body).replace("Infinity", "1e309"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_cursor_that_does_not_parse_is_a_404_with_a_message(partner_api):
    response = partner_api.get("/api/v1/incidents/", {"cursor": "garbage"})
    assert response.status_code == 404
    assert response.json()["error"]["message"]


def test_authentication_errors(client, partner_secret):
    from rest_framework.test import APIClient

    anonymous = APIClient()
    response = anonymous.get("/api/v1/incidents/")
    assert response.status_code == 401
    assert "Api-Key" in response.json()["error"]["message"]
    anonymous.credentials(HTTP_AUTHORIZATION="Api-Key not-a-key")
    assert anonymous.get("/api/v1/incidents/").status_code == 401
    key = PartnerAPIKey.objects.get()
    key.revoked = True
    key.save()
    revoked = APIClient()
    revoked.credentials(HTTP_AUTHORIZATION=f"Api-Key {partner_secret}")
    response = revoked.get("/api/v1/incidents/")
    assert response.status_code == 401 and "revoked" in response.json()["error"]["message"]


def test_expired_key_is_refused(user):
    import datetime as dt

    from django.utils import timezone
    from rest_framework.test import APIClient

    from apps.accounts.services import partner_key_issue

    _key, secret = partner_key_issue(
        partner="Old", name="old", user=user, expires_at=timezone.now() - dt.timedelta(days=1)
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    response = client.get("/api/v1/incidents/")
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]


def test_key_use_is_recorded(partner_api):
    assert PartnerAPIKey.objects.get().last_used_at is None
    partner_api.get("/api/v1/incidents/")
    assert PartnerAPIKey.objects.get().last_used_at is not None


def test_partner_key_is_read_only_and_nothing_is_deleted(partner_api, staff_api):
    incident = IncidentFactory(is_published=True, published_at="2025-01-01T00:00Z")
    payload = {"title": "x", "incident_type": "other", "summary": "x"}
    assert partner_api.post("/api/v1/incidents/", payload).status_code == 403
    assert partner_api.patch(f"/api/v1/incidents/{incident.pk}/", payload).status_code == 403
    assert staff_api.delete(f"/api/v1/incidents/{incident.pk}/").status_code == 405
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_staff_create_goes_through_validation_and_records_the_author(staff_api, user):
    bad = staff_api.post(
        "/api/v1/incidents/",
        {
            "title": "Range upside down",
            "incident_type": "transfer",
            "summary": "x",
            "occurred_precision": "range",
            "occurred_start": "2025-03-30",
            "occurred_end": "2025-03-01",
        },
    )
    assert bad.status_code == 400
    assert "before it starts" in str(bad.json()["error"]["fields"]["occurred_end"])
    assert not Incident.objects.exists()

    official = OfficialFactory()
    created = staff_api.post(
        "/api/v1/incidents/",
        {
            "title": "125 arrive",
            "incident_type": "transfer",
            "summary": "x",
            "occurred_precision": "month",
            "occurred_start": "2022-09-16",
        },
    )
    assert created.status_code == 201, created.json()
    incident = Incident.objects.get(pk=created.json()["id"])
    assert (incident.occurred_start.isoformat(), incident.occurred_end.isoformat()) == (
        "2022-09-01",
        "2022-09-30",
    )
    assert incident.created_by == user and incident.status == "draft"
    group = staff_api.post(
        "/api/v1/child-groups/",
        {
            "incident": incident.pk,
            "count_qualifier": "over",
            "count": 1000,
        },
    )
    assert group.status_code == 201 and group.json()["count_min"] == 1001
    upside_down = staff_api.post(
        "/api/v1/child-groups/",
        {
            "incident": incident.pk,
            "count": 5,
            "age_min": 14,
            "age_max": 2,
        },
    )
    assert upside_down.status_code == 400
    assert "age_max" in upside_down.json()["error"]["fields"]
    # The official filter: nothing before the official is linked, the incident after.
    by_official = {"official": official.pk}
    assert staff_api.get("/api/v1/incidents/", by_official).json()["results"] == []
    IncidentOfficial.objects.create(incident=incident, official=official, role="stated")
    found = staff_api.get("/api/v1/incidents/", by_official).json()["results"]
    assert [row["id"] for row in found] == [incident.pk]


def test_region_filter_includes_places_below(demo, partner_api):
    ids = {i["id"] for i in walk(partner_api, "/api/v1/incidents/", {"origin": "UA-14"})}
    mariupol = Incident.objects.get(import_key="2022-08-23-krasnodar-mariupol")
    luhansk_only = Incident.objects.get(import_key="2022-10-13-novosibirsk-24")
    assert mariupol.pk in ids and luhansk_only.pk not in ids


def test_occurred_filters_honour_precision(partner_api):
    month = IncidentFactory(
        occurred_precision="month",
        occurred_start="2025-03-01",
        occurred_end="2025-03-31",
        reported_on="2025-03-31",
        is_published=True,
        published_at="2025-04-01T00:00Z",
    )

    def ids(params):
        return {i["id"] for i in walk(partner_api, "/api/v1/incidents/", params)}

    assert month.pk in ids({"occurred_after": "2025-03-31"})
    assert month.pk in ids({"occurred_before": "2025-03-01"})
    assert month.pk not in ids({"occurred_after": "2025-04-01"})
    assert month.pk not in ids({"occurred_before": "2025-02-28"})


def test_group_count_range_filters(partner_api):
    incident = IncidentFactory(is_published=True, published_at="2025-01-01T00:00Z")
    big = ChildGroupFactory(incident=incident, count_qualifier="over", count=1000)
    small = ChildGroupFactory(incident=incident, count=6)
    found = {g["id"] for g in walk(partner_api, "/api/v1/child-groups/", {"count_min": 100})}
    assert big.pk in found and small.pk not in found
    found = {g["id"] for g in walk(partner_api, "/api/v1/child-groups/", {"count_max": 10})}
    assert small.pk in found and big.pk not in found  # "over 1,000" has no known maximum


def test_reviewers_issue_a_key_in_the_admin_and_it_is_shown_once(client):
    import re

    from django.urls import reverse
    from rest_framework.test import APIClient

    from tests.factories import ReviewerFactory

    staff_client = client
    staff_client.force_login(ReviewerFactory(username="reviewer"))
    response = staff_client.post(
        reverse("admin:accounts_partnerapikey_add"),
        {
            "partner": "Partner NGO",
            "name": "nightly",
            "contact": "data@ngo.example",
            "expiry_date_0": "",
            "expiry_date_1": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    secret = re.search(r"The API key for Partner NGO is: (\S+) ", response.content.decode())
    assert secret, "the key is shown in the message"
    key = PartnerAPIKey.objects.get()
    assert (key.contact, key.created_by.username) == ("data@ngo.example", "reviewer")
    assert secret.group(1) not in key.hashed_key  # only the digest is stored
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret.group(1)}")
    assert client.get("/api/v1/incidents/").status_code == 200


def test_reported_filters_honour_precision(partner_api):
    month = IncidentFactory(
        reported_on="2025-03-01",
        reported_precision="month",
        is_published=True,
        published_at="2025-04-01T00:00Z",
    )
    day = IncidentFactory(
        reported_on="2025-03-01", is_published=True, published_at="2025-04-01T00:00Z"
    )

    def ids(params):
        return {i["id"] for i in walk(partner_api, "/api/v1/incidents/", params)}

    # "March 2025" may be the 31st; a report on 1 March is not after the 15th
    assert month.pk in ids({"reported_after": "2025-03-31"})
    assert day.pk not in ids({"reported_after": "2025-03-15"})
    assert month.pk not in ids({"reported_after": "2025-04-01"})
    assert {month.pk, day.pk} <= ids({"reported_before": "2025-03-01"})
    assert not {month.pk, day.pk} & ids({"reported_before": "2025-02-28"})


def test_a_partner_over_its_rate_gets_429_with_retry_after(partner_api, monkeypatch):
    from apps.core.api.throttling import PartnerKeyThrottle

    monkeypatch.setattr(PartnerKeyThrottle, "THROTTLE_RATES", {"partner_key": "3/minute"})
    statuses = [partner_api.get("/api/v1/regions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = partner_api.get("/api/v1/regions/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["error"]["message"].lower()


def test_conditional_get_answers_304_until_the_record_changes(demo, partner_api, staff_api):
    incident = Incident.objects.filter(is_published=True).first()
    url = f"/api/v1/incidents/{incident.pk}/"
    first = partner_api.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag
    again = partner_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    changed = staff_api.patch(url, {"title": incident.title + " (corrected)"}, format="json")
    assert changed.status_code == 200
    after = partner_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag


def test_a_patch_that_changes_nothing_records_nothing(demo, staff_api):
    incident = Incident.objects.filter(origin_regions__isnull=False).first()
    url = f"/api/v1/incidents/{incident.pk}/"
    same = {
        "title": incident.title,
        "origin_regions": list(incident.origin_regions.values_list("pk", flat=True)),
    }
    before = (incident.history.count(), incident.updated_at)
    response = staff_api.patch(url, same, format="json")
    assert response.status_code == 200 and response.json()["title"] == incident.title
    incident.refresh_from_db()
    assert (incident.history.count(), incident.updated_at) == before
    # a real change is recorded, with its time
    staff_api.patch(url, {"title": incident.title + " (corrected)"}, format="json")
    incident.refresh_from_db()
    assert incident.history.count() == before[0] + 1 and incident.updated_at > before[1]
    assert incident.title.endswith("(corrected)")


def test_errors_keep_the_one_shape_outside_drf_too(staff_client, partner_api, settings):
    settings.DEBUG = False
    too_big = staff_client.post(
        "/api/v1/sources/",
        json.dumps({"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}),
        content_type="application/json",
    )
    assert too_big.status_code == 413
    assert too_big.json()["error"]["code"] == "too_large"
    unknown = partner_api.get("/api/v1/no-such-thing/")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
    # a missing record and a cursor that does not parse say "not found" alike
    missing = partner_api.get("/api/v1/incidents/999999/")
    bad_cursor = partner_api.get("/api/v1/incidents/", {"cursor": "garbage"})
    assert missing.json()["error"]["code"] == bad_cursor.json()["error"]["code"] == "not_found"
