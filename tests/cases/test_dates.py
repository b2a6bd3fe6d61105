"""Dates say what the sources said: a date is formatted at the precision each end was
given, no date means 'unknown', and what would say more than the source is refused, by
validation with a readable message and by the database itself."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.cases.models import BoundPrecision, DatePrecision, Incident
from apps.cases.models.incidents import format_period
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"


def days_in(text: str) -> set[dt.date]:
    """Every day (a day of a month of a year) that `text` names, in the formats this
    codebase prints: '1 Mar 2025' and '1 March 2025'."""
    import re

    found = set()
    for day, month, year in re.findall(rf"\b(\d{{1,2}}) ((?:{MONTHS})[a-z]*) (\d{{4}})\b", text):
        found.add(dt.datetime.strptime(f"{day} {month[:3]} {year}", "%d %b %Y").date())
    return found


@pytest.mark.parametrize(
    ("precision", "start", "end", "start_precision", "end_precision", "expected"),
    [
        ("unknown", None, None, "", "", "date unknown"),
        ("day", "2022-06-09", "2022-06-09", "day", "day", "9 Jun 2022"),
        ("month", "2025-03-01", "2025-03-31", "month", "month", "March 2025"),
        ("year", "2022-01-01", "2022-12-31", "year", "year", "2022"),
        ("since", "2022-01-01", None, "year", "", "since 2022"),
        ("since", "2022-09-01", None, "month", "", "since September 2022"),
        ("since", "2022-02-24", None, "day", "", "since 24 Feb 2022"),
        ("range", "2022-01-01", "2023-07-31", "year", "month", "2022 – July 2023"),
        ("range", "2025-03-02", "2025-03-09", "day", "day", "2 Mar 2025 – 9 Mar 2025"),
        ("approximate", "2025-03-01", "2025-03-31", "month", "month", "about March 2025"),
        (
            "approximate",
            "2025-09-01",
            "2025-10-22",
            "month",
            "day",
            "about September 2025 – 22 Oct 2025",
        ),
    ],
)
def test_a_period_is_written_at_the_precision_it_was_given(
    precision, start, end, start_precision, end_precision, expected
):
    start = dt.date.fromisoformat(start) if start else None
    end = dt.date.fromisoformat(end) if end else None
    assert format_period(precision, start, end, start_precision, end_precision) == expected


def test_no_day_is_written_unless_an_end_was_given_as_a_day():
    start, end = dt.date(2022, 3, 1), dt.date(2023, 7, 31)
    bounds = [*BoundPrecision.values, ""]
    for precision, start_p, end_p in itertools.product(DatePrecision.values, bounds, bounds):
        text = format_period(precision, start, end, start_p, end_p)
        given = set()
        if precision == DatePrecision.DAY or start_p == BoundPrecision.DAY:
            given.add(start)
        if end_p == BoundPrecision.DAY and precision in (DatePrecision.RANGE, "approximate"):
            given.add(end)
        assert days_in(text) <= given, (precision, start_p, end_p, text)


def test_the_display_is_the_sources_words_else_the_date_at_its_precision():
    incident = IncidentFactory(
        occurred_precision="month",
        occurred_start=dt.date(2025, 3, 1),
        occurred_end=dt.date(2025, 3, 31),
        occurred_as_stated="late March 2025",
        reported_on=dt.date(2023, 7, 1),
        reported_precision="month",
    )
    assert incident.occurred_display == "late March 2025"
    assert str(incident) == f"late March 2025: {incident.title}"
    assert incident.occurred_period_display == "March 2025"
    assert incident.reported_display == "July 2023"
    incident.occurred_as_stated = ""
    assert incident.occurred_display == "March 2025"


def valid(**dates) -> Incident:
    incident = IncidentFactory.build(
        **{"occurred_start": None, "occurred_end": None, "reported_on": None, **dates}
    )
    incident.full_clean()
    return incident


def test_since_a_year_keeps_its_year_and_has_no_end():
    incident = valid(
        occurred_precision="since",
        occurred_start=dt.date(2022, 6, 15),
        occurred_start_precision="year",
        occurred_as_stated="since 2022",
    )
    assert (incident.occurred_start, incident.occurred_end) == (dt.date(2022, 1, 1), None)
    assert incident.occurred_period_display == "since 2022"
    assert incident.occurred_display == "since 2022"


def test_each_end_of_a_range_is_stored_as_its_whole_month_or_year():
    incident = valid(
        occurred_precision="range",
        occurred_start=dt.date(2022, 5, 5),
        occurred_start_precision="year",
        occurred_end=dt.date(2023, 7, 14),
        occurred_end_precision="month",
        reported_on=dt.date(2023, 7, 20),
        reported_precision="month",
    )
    assert (incident.occurred_start, incident.occurred_end) == (
        dt.date(2022, 1, 1),
        dt.date(2023, 7, 31),
    )
    assert incident.reported_on == dt.date(2023, 7, 1)
    assert incident.occurred_display == "2022 – July 2023"
    assert incident.reported_display == "July 2023"


def test_no_date_is_an_unknown_date():
    incident = valid(occurred_precision="unknown", reported_precision="unknown")
    assert incident.occurred_display == incident.reported_display == "date unknown"
    incident.save()
    assert Incident.objects.get(pk=incident.pk).occurred_precision == "unknown"


def test_a_new_incident_without_dates_is_unknown_not_a_day():
    incident = Incident(title="x", incident_type="other", summary="x")
    incident.full_clean()
    assert (incident.occurred_precision, incident.reported_precision) == ("unknown", "unknown")
    assert (incident.occurred_start_precision, incident.occurred_end_precision) == ("", "")


def messages(exc: ValidationError) -> dict[str, str]:
    return {field: " ".join(texts) for field, texts in exc.message_dict.items()}


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        (
            {"occurred_precision": "day"},
            "occurred_start",
            "Give the date for precision 'Day', or choose 'Date unknown'",
        ),
        (
            {"occurred_precision": "unknown", "occurred_start": dt.date(2025, 3, 1)},
            "occurred_precision",
            "say how precise it is",
        ),
        (
            {
                "occurred_precision": "since",
                "occurred_start": dt.date(2022, 1, 1),
                "occurred_start_precision": "year",
                "occurred_end": dt.date(2023, 1, 1),
            },
            "occurred_end",
            "A 'since' period has no end",
        ),
        (
            {
                "occurred_precision": "since",
                "occurred_start": dt.date(2022, 1, 1),
                "occurred_start_precision": "",
            },
            "occurred_start_precision",
            "a day, a month or a year",
        ),
        (
            {
                "occurred_precision": "range",
                "occurred_start": dt.date(2022, 1, 1),
                "occurred_start_precision": "year",
            },
            "occurred_end",
            "for a period with no end choose 'Since'",
        ),
        (
            {
                "occurred_precision": "approximate",
                "occurred_start": dt.date(2025, 3, 1),
                "occurred_start_precision": "month",
                "occurred_end": dt.date(2025, 3, 30),
                "occurred_end_precision": "",
            },
            "occurred_end_precision",
            "how precisely the source gave the end",
        ),
        (
            {
                "occurred_precision": "unknown",
                "reported_on": dt.date(2025, 3, 30),
                "reported_precision": "unknown",
            },
            "reported_precision",
            "say whether it is a day, a month or a year",
        ),
        (
            {
                "occurred_precision": "day",
                "occurred_start": dt.date(2025, 3, 1),
                "reported_on": dt.date(2025, 3, 30),
                "reported_precision": "unknown",
            },
            "reported_precision",
            "say whether it is a day, a month or a year",
        ),
        (
            {"occurred_precision": "unknown", "reported_precision": "day"},
            "reported_on",
            "Give the report date, or choose 'Date unknown'",
        ),
    ],
    ids=[
        "day-without-date",
        "unknown-with-date",
        "since-with-end",
        "since-without-start-precision",
        "range-without-end",
        "approximate-without-end-precision",
        "report-date-without-precision",
        "dated-report-date-without-precision",
        "report-precision-without-date",
    ],
)
def test_validation_explains_dates_that_say_more_or_less_than_given(dates, field, message):
    dates = {"occurred_start": None, "occurred_end": None, "reported_on": None, **dates}
    incident = IncidentFactory.build(**dates)
    with pytest.raises(ValidationError) as exc:
        incident.full_clean()
    assert message in messages(exc.value).get(field, ""), messages(exc.value)


def assert_db_refuses(**values):
    incident = IncidentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(**values)


def test_database_refuses_a_day_without_a_date():
    assert_db_refuses(occurred_start=None, occurred_end=None, occurred_start_precision="")


def test_database_refuses_an_unknown_date_with_a_date():
    assert_db_refuses(occurred_precision="unknown")


def test_database_refuses_an_open_end_except_since():
    assert_db_refuses(occurred_end=None, occurred_end_precision="")


def test_database_refuses_a_since_period_with_an_end():
    assert_db_refuses(occurred_precision="since")


def test_database_refuses_an_end_without_its_precision():
    assert_db_refuses(occurred_precision="range", occurred_end_precision="")


def test_database_refuses_a_month_whose_start_claims_a_day():
    assert_db_refuses(occurred_precision="month")


def test_database_refuses_a_report_precision_without_a_report_date():
    assert_db_refuses(reported_on=None)


def test_database_refuses_a_report_date_of_unknown_precision():
    assert_db_refuses(reported_precision="unknown")
