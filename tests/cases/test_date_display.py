"""Wherever a person reads a date (the admin list, the change page's heading and
breadcrumb, the API, both exports) it is the source's words or the date at the
precision it was given: no day appears that its source did not give."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.cases.models import Incident
from tests.api.conftest import walk
from tests.cases.test_dates import days_in
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

KLYAZMA = "2025-03-klyazma-39"
ANNUAL_REPORT = "2023-07-annual-report-700000"


@pytest.fixture
def staff_api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def given_days(incident: Incident) -> set[dt.date]:
    """The days the sources gave for `incident`: an end given as a day, a report dated
    to the day, and any day in the source's own words."""
    days = set(days_in(incident.occurred_as_stated))
    if incident.occurred_start_precision == "day":
        days.add(incident.occurred_start)
    if incident.occurred_end_precision == "day":
        days.add(incident.occurred_end)
    if incident.reported_precision == "day":
        days.add(incident.reported_on)
    return days


def days_shown(html: str) -> set[dt.date]:
    """Days in a page, also in Django's own date formats ('March 1, 2025', 'Oct. 7, 2022')
    and ISO dates, so that a raw date column would be caught too."""
    text = re.sub(r"<[^>]+>", " ", html)
    found = days_in(text)
    pattern = r"\b([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}), (\d{4})\b"
    for month, day, year in re.findall(pattern, text):
        found.add(dt.datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date())
    found |= {dt.date.fromisoformat(d) for d in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)}
    return found


def changelist_rows(html: str) -> dict[int, str]:
    rows = {}
    for row in html.split("<tr")[1:]:
        match = re.search(r"/admin/cases/incident/(\d+)/change/", row)
        if match:
            rows[int(match.group(1))] = row.split("</tr>")[0]
    return rows


def heading_and_breadcrumb(html: str) -> str:
    heading = re.search(r"<h2>(.*?)</h2>", html, re.S).group(1)
    breadcrumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    return f"{heading} | {breadcrumbs} | {title}"


def export_text(client, fmt: str) -> str:
    response = client.get(f"/api/v1/export/incidents.{fmt}")
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def test_every_demo_date_shows_no_day_its_source_did_not_give(demo, staff_client, staff_api):
    incidents = {i.pk: i for i in Incident.objects.all()}
    listed = changelist_rows(
        staff_client.get(reverse("admin:cases_incident_changelist")).content.decode()
    )
    documents = {
        d["id"]: d for d in map(json.loads, export_text(staff_api, "ndjson").split("\n")[:-1])
    }
    table = list(csv.DictReader(io.StringIO(export_text(staff_api, "csv").lstrip("\ufeff"))))
    csv_rows = {int(row["id"]): row for row in table}
    api = {d["id"]: d for d in walk(staff_api, "/api/v1/incidents/")}
    assert set(listed) == set(documents) == set(csv_rows) == set(api) == set(incidents)
    undated = 0
    for pk, incident in incidents.items():
        allowed = given_days(incident)
        change_page = staff_client.get(reverse("admin:cases_incident_change", args=[pk]))
        shown = {
            "str": str(incident),
            "admin list": listed[pk],
            "admin heading": heading_and_breadcrumb(change_page.content.decode()),
            "csv": " ".join((csv_rows[pk]["occurred"], csv_rows[pk]["reported"])),
        }
        for name, document in (("ndjson", documents[pk]), ("api", api[pk])):
            shown[name] = " ".join(
                document[f]
                for f in ("occurred_display", "occurred_period_display", "reported_display")
            )
        for where, text in shown.items():
            assert days_shown(text) <= allowed, (incident.import_key, where, text)
        undated += incident.occurred_precision == "unknown"
        assert ("date unknown" in shown["str"]) == (
            incident.occurred_precision == "unknown" and not incident.occurred_as_stated
        )
    assert undated, "the demo has undated incidents, and they say so"


def test_late_march_2025_is_shown_in_the_sources_words(demo, staff_client):
    klyazma = Incident.objects.get(import_key=KLYAZMA)
    changelist = staff_client.get(reverse("admin:cases_incident_changelist")).content.decode()
    row = changelist_rows(changelist)[klyazma.pk]
    page = staff_client.get(reverse("admin:cases_incident_change", args=[klyazma.pk]))
    top = heading_and_breadcrumb(page.content.decode())
    assert "late March 2025" in row and "late March 2025" in top
    assert not days_shown(top)
    # Only the report date, given as a day, is shown as one.
    assert days_shown(row) == {klyazma.reported_on} == {dt.date(2025, 3, 30)}


def test_a_report_dated_by_month_is_listed_as_its_month(demo, staff_client):
    report = Incident.objects.get(import_key=ANNUAL_REPORT)
    assert report.reported_precision == "month"
    changelist = staff_client.get(reverse("admin:cases_incident_changelist")).content.decode()
    row = changelist_rows(changelist)[report.pk]
    assert f"{report.reported_on:%B %Y}" in row
    assert not days_shown(row)


def test_api_and_exports_give_the_words_and_the_date_at_its_precision(staff_api):
    since = IncidentFactory(
        occurred_precision="since",
        occurred_start=dt.date(2022, 1, 1),
        occurred_start_precision="year",
        occurred_end=None,
        occurred_end_precision="",
        occurred_as_stated="",
        reported_on=dt.date(2023, 7, 1),
        reported_precision="month",
    )
    worded = IncidentFactory(
        occurred_precision="month",
        occurred_start=dt.date(2025, 3, 1),
        occurred_end=dt.date(2025, 3, 31),
        occurred_as_stated="late March 2025",
    )
    expected = {
        since.pk: ("since 2022", "since 2022", "July 2023"),
        worded.pk: ("late March 2025", "March 2025", f"{worded.reported_on:%-d %b %Y}"),
    }
    fields = ("occurred_display", "occurred_period_display", "reported_display")
    for pk, values in expected.items():
        document = staff_api.get(f"/api/v1/incidents/{pk}/").json()
        assert tuple(document[f] for f in fields) == values
    exported = {
        d["id"]: d for d in map(json.loads, export_text(staff_api, "ndjson").split("\n")[:-1])
    }
    for pk, values in expected.items():
        assert tuple(exported[pk][f] for f in fields) == values
    table = csv.DictReader(io.StringIO(export_text(staff_api, "csv").lstrip("\ufeff")))
    in_csv = {int(row["id"]): (row["occurred"], row["reported"]) for row in table}
    for pk, values in expected.items():
        assert in_csv[pk] == (values[0], values[2])
    assert (
        staff_api.get(f"/api/v1/incidents/{since.pk}/").json()["occurred_start_precision"] == "year"
    )
