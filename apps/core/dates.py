"""Dates at the precision a source gave them: a day, a month or only a year.

A month or a year is stored as a date (its first day, or any day in it where a period's
span is computed) with a precision beside it, so that the record never shows a day
nobody gave. Incidents (cases) and sources share these pieces.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import models
from django.db.models import Q


class BoundPrecision(models.TextChoices):
    """How precisely one date was given: a day, a month or only a year."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


# The precision of a date that is not known at all (and so is not stored).
UNKNOWN = "unknown"
# A single date at the precision it was given, or none.
SINGLE_DATE_PRECISIONS = [*BoundPrecision.choices, (UNKNOWN, "Date unknown")]


def bound_span(precision: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the day, month or year (by `precision`) that holds `day`."""
    if precision == BoundPrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    if precision == BoundPrecision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    return day, day


def format_date(precision: str, day: dt.date) -> str:
    """One date at the precision it was given: '9 Jun 2022', 'March 2025', '2022'.

    Without a precision it says only the year: never a day or a month nobody gave.
    """
    if precision == BoundPrecision.DAY:
        return f"{day:%-d %b %Y}"
    if precision == BoundPrecision.MONTH:
        return f"{day:%B %Y}"
    return f"{day:%Y}"


def format_single_date(precision: str, day: dt.date | None) -> str:
    """A single date (a report's, a publication's) at its precision, or 'date unknown'."""
    if day is None or precision == UNKNOWN:
        return "date unknown"
    return format_date(precision, day)


def single_date_errors(
    day: dt.date | None,
    precision: str,
    *,
    date_field: str,
    precision_field: str,
    noun: str,
    asks: str = "whether the source gives the day, only the month or only the year",
) -> dict[str, str]:
    """Said, not guessed: a single date needs its precision and a precision its date.
    `asks` is the question its form puts about the precision."""
    if precision == UNKNOWN and day:
        return {
            precision_field: f"A {noun} is given: say {asks}, or clear the date for 'Date unknown'."
        }
    if precision != UNKNOWN and not day:
        return {date_field: f"Give the {noun}, or choose 'Date unknown'."}
    return {}


def single_date_constraint(
    date_field: str, precision_field: str, *, name: str, noun: str
) -> models.CheckConstraint:
    """The database's side of single_date_errors: 'unknown' exactly when there is no date."""
    return models.CheckConstraint(
        condition=Q(**{precision_field: UNKNOWN, f"{date_field}__isnull": True})
        | (~Q(**{precision_field: UNKNOWN}) & Q(**{f"{date_field}__isnull": False})),
        name=name,
        violation_error_message=f"Only an unknown {noun} has no date.",
    )


def reaches(date_field: str, precision_field: str, day: dt.date) -> Q:
    """Rows whose single date (stored as the first day of its month or year) reaches
    `day`: a 'March 2025' date reaches 2025-03-31. Unknown dates never do."""
    month, year = BoundPrecision.MONTH, BoundPrecision.YEAR
    return (
        Q(**{precision_field: month, f"{date_field}__gte": day.replace(day=1)})
        | Q(**{precision_field: year, f"{date_field}__gte": day.replace(month=1, day=1)})
        | (~Q(**{f"{precision_field}__in": [month, year]}) & Q(**{f"{date_field}__gte": day}))
    )
