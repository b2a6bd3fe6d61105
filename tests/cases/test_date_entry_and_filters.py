"""Entering dates at their precision in the admin, filtering on the span they cover, and
the occupation of a destination (a camp in occupied Crimea) as well as of an origin."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.cases.models import Incident
from tests.api.conftest import walk
from tests.core.test_admin import incident_post
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

CRIMEA_CLUB = "crimea-gru-club"


@pytest.fixture
def staff_api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_investigator_enters_since_2022(staff_client):
    response = staff_client.post(
        reverse("admin:cases_incident_add"),
        incident_post(
            occurred_precision="since",
            occurred_start="2022-01-01",
            occurred_start_precision="year",
            occurred_end_precision="",
            reported_on="2023-07-01",
            reported_precision="month",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    incident = Incident.objects.get(title="Test transfer")
    assert (incident.occurred_precision, incident.occurred_start_precision) == ("since", "year")
    assert incident.occurred_end is None
    assert str(incident) == "since 2022: Test transfer"
    assert incident.reported_display == "July 2023"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"occurred_start": ""}, "Give the date for precision &#x27;Day&#x27;"),
        (
            {"occurred_precision": "since", "occurred_start_precision": ""},
            "Say how precisely the source gave the start",
        ),
        ({"reported_on": "", "reported_precision": "day"}, "Give the report date"),
    ],
    ids=["day-without-date", "since-without-start-precision", "report-precision-without-date"],
)
def test_dates_that_say_more_than_given_get_a_clear_message(staff_client, overrides, message):
    response = staff_client.post(reverse("admin:cases_incident_add"), incident_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Incident.objects.exists()


def test_api_refuses_an_undated_day_with_a_400(staff_api):
    response = staff_api.post(
        "/api/v1/incidents/",
        {"title": "x", "incident_type": "other", "summary": "x", "occurred_precision": "day"},
    )
    assert response.status_code == 400
    assert "occurred_start" in response.json()["error"]["fields"]
    assert not Incident.objects.exists()
    unknown = staff_api.post(
        "/api/v1/incidents/", {"title": "x", "incident_type": "other", "summary": "x"}
    )
    assert unknown.status_code == 201
    assert (unknown.json()["occurred_precision"], unknown.json()["occurred_display"]) == (
        "unknown",
        "date unknown",
    )


def test_filters_use_the_span(staff_api):
    since = IncidentFactory(
        occurred_precision="since",
        occurred_start=dt.date(2022, 1, 1),
        occurred_start_precision="year",
        occurred_end=None,
        reported_on=None,
    )
    undated = IncidentFactory(
        occurred_precision="unknown", occurred_start=None, occurred_end=None, reported_on=None
    )
    day = IncidentFactory()  # 16 Sep 2022

    def ids(params):
        return {i["id"] for i in walk(staff_api, "/api/v1/incidents/", params)}

    assert ids({"occurred_after": "2024-06-01"}) == {since.pk}
    assert ids({"occurred_before": "2021-12-31"}) == set()
    assert ids({"occurred_before": "2022-01-01"}) == {since.pk}
    assert ids({"occurred_after": "2022-01-01"}) == {since.pk, day.pk}
    assert undated.pk in ids({})


def test_admin_year_filter_uses_the_span(demo, staff_client):
    url = reverse("admin:cases_incident_changelist")
    in_2023 = staff_client.get(url, {"happened_in": "2023"}).context["cl"].queryset
    expected = {
        i.pk
        for i in Incident.objects.exclude(occurred_start=None)
        if i.occurred_start.year <= 2023 and (i.occurred_end is None or i.occurred_end.year >= 2023)
    }
    assert expected and set(in_2023.values_list("pk", flat=True)) == expected
    assert Incident.objects.get(import_key="klyazma-since-2022").pk in expected
    unknown = staff_client.get(url, {"happened_in": "unknown"}).context["cl"].queryset
    assert set(unknown) == set(Incident.objects.filter(occurred_start=None))
    assert staff_client.get(url, {"happened_in": "soon"}).status_code == 200
    assert staff_client.get(url, {"happened_in": "²"}).status_code == 200  # "²".isdigit()


def test_destination_occupation_in_api_filters_and_csv(demo, staff_api):
    club = Incident.objects.get(import_key=CRIMEA_CLUB)
    assert club.to_occupied_territory is True
    occupied = {
        i["id"] for i in walk(staff_api, "/api/v1/incidents/", {"to_occupied_territory": "true"})
    }
    assert occupied == set(
        Incident.objects.filter(to_occupied_territory=True).values_list("pk", flat=True)
    )
    assert club.pk in occupied
    document = staff_api.get(f"/api/v1/incidents/{club.pk}/").json()
    assert document["to_occupied_territory"] is True
    response = staff_api.get("/api/v1/export/incidents.csv", {"to_occupied_territory": "true"})
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {int(r["id"]) for r in rows} == occupied
    assert all(r["to_occupied_territory"] == "True" for r in rows)


def test_an_investigator_records_an_occupied_destination(staff_client):
    response = staff_client.post(
        reverse("admin:cases_incident_add"), incident_post(to_occupied_territory="true")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Incident.objects.get(title="Test transfer").to_occupied_territory is True
    listed = staff_client.get(
        reverse("admin:cases_incident_changelist"), {"to_occupied_territory__exact": "1"}
    )
    assert [i.title for i in listed.context["cl"].queryset] == ["Test transfer"]
