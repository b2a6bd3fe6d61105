# Dates say what the sources said: an undated incident is 'unknown' (not a 'day' with no
# day), an open period is 'since' with the start at the precision it can honestly claim,
# each end of a period records how precisely it was given, and a report date that is not
# known says so. No stored start changes; a day, month or year without its stored end
# gets it, so the span each row covers is the one its precision says.

import calendar

from django.conf import settings
from django.db import migrations, models

SINGLE_PERIODS = ("day", "month", "year")


def _start_precision(day):
    """An open or approximate period's start at the precision its stored day allows:
    the old form could only store a day, so 'since 2022' was kept as 1 Jan 2022."""
    if (day.month, day.day) == (1, 1):
        return "year"
    return "month" if day.day == 1 else "day"


def _end_precision(day):
    if (day.month, day.day) == (12, 31):
        return "year"
    return "month" if day.day == calendar.monthrange(day.year, day.month)[1] else "day"


def _last_day(precision, day):
    if precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return day.replace(month=12, day=31)
    return day


FIELDS = [
    "occurred_precision",
    "occurred_end",
    "occurred_start_precision",
    "occurred_end_precision",
    "reported_precision",
]


def dates_forward(apps, schema_editor):
    Incident = apps.get_model("cases", "Incident")
    batch = []
    for incident in Incident.objects.order_by("pk").iterator(chunk_size=1000):
        start, end, precision = (
            incident.occurred_start,
            incident.occurred_end,
            incident.occurred_precision,
        )
        if start is None:
            # No date means no date, whatever precision the form defaulted to.
            incident.occurred_precision = "unknown"
            incident.occurred_end = None
            start_precision = end_precision = ""
        elif precision in SINGLE_PERIODS:
            incident.occurred_end = end or _last_day(precision, start)
            start_precision = end_precision = precision
        elif end is None:
            # A range without an end was how 'since 2022' had to be stored.
            incident.occurred_precision = "since"
            start_precision, end_precision = _start_precision(start), ""
        elif precision == "approximate":
            start_precision, end_precision = _start_precision(start), _end_precision(end)
        else:
            # 'Between two dates' took two days, so "2022 to July 2023" had to be typed
            # as 1 Jan 2022 – 31 Jul 2023: ends on such boundaries become the year or
            # month (a real day there reads less precise, never more).
            start_precision, end_precision = _start_precision(start), _end_precision(end)
        incident.occurred_start_precision = start_precision
        incident.occurred_end_precision = end_precision
        if incident.reported_on is None:
            incident.reported_precision = "unknown"
        batch.append(incident)
        if len(batch) == 1000:
            Incident.objects.bulk_update(batch, FIELDS)
            batch = []
    Incident.objects.bulk_update(batch, FIELDS)


def dates_backward(apps, schema_editor):
    Incident = apps.get_model("cases", "Incident")
    Incident.objects.filter(occurred_precision="unknown").update(occurred_precision="day")
    Incident.objects.filter(occurred_precision="since").update(occurred_precision="range")
    Incident.objects.filter(reported_precision="unknown").update(reported_precision="day")


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0002_rename_tables"),
        ("cases", "0008_group_single_link_removed"),
        ("regions", "0003_region_ordering_tie_break"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalincident",
            name="occurred_end_precision",
            field=models.CharField(
                blank=True,
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                help_text="For a range or an approximate period: a day, a month or only a year.",
                max_length=8,
                verbose_name="end given as",
            ),
        ),
        migrations.AddField(
            model_name="historicalincident",
            name="occurred_start_precision",
            field=models.CharField(
                blank=True,
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                help_text="For a range, an approximate period or 'since': whether the source gave the start as a day, a month or only a year ('since 2022' is a year).",
                max_length=8,
                verbose_name="start given as",
            ),
        ),
        migrations.AddField(
            model_name="historicalincident",
            name="to_occupied_territory",
            field=models.BooleanField(
                blank=True,
                help_text="The destination was under Russian occupation at the time (a camp in occupied Crimea). The place stays Ukrainian in this database.",
                null=True,
                verbose_name="to occupied territory",
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="occurred_end_precision",
            field=models.CharField(
                blank=True,
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                help_text="For a range or an approximate period: a day, a month or only a year.",
                max_length=8,
                verbose_name="end given as",
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="occurred_start_precision",
            field=models.CharField(
                blank=True,
                choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                help_text="For a range, an approximate period or 'since': whether the source gave the start as a day, a month or only a year ('since 2022' is a year).",
                max_length=8,
                verbose_name="start given as",
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="to_occupied_territory",
            field=models.BooleanField(
                blank=True,
                help_text="The destination was under Russian occupation at the time (a camp in occupied Crimea). The place stays Ukrainian in this database.",
                null=True,
                verbose_name="to occupied territory",
            ),
        ),
        migrations.AlterField(
            model_name="historicalincident",
            name="occurred_as_stated",
            field=models.CharField(
                blank=True,
                help_text="'late March 2025', 'in the last month', 'since 2022': shown wherever the date is shown.",
                max_length=200,
                verbose_name="date in the source's words",
            ),
        ),
        migrations.AlterField(
            model_name="historicalincident",
            name="occurred_end",
            field=models.DateField(
                blank=True,
                help_text="Only for a range or an approximate period.",
                null=True,
                verbose_name="happened until",
            ),
        ),
        migrations.AlterField(
            model_name="historicalincident",
            name="occurred_precision",
            field=models.CharField(
                choices=[
                    ("day", "Day"),
                    ("month", "Month"),
                    ("year", "Year"),
                    ("range", "Between two dates"),
                    ("approximate", "Approximate period"),
                    ("since", "Since (no end given)"),
                    ("unknown", "Date unknown"),
                ],
                default="unknown",
                help_text="How precisely the source dated it. 'Since' is a period with no end; 'Date unknown' takes no date.",
                max_length=16,
                verbose_name="date precision",
            ),
        ),
        migrations.AlterField(
            model_name="historicalincident",
            name="reported_precision",
            field=models.CharField(
                choices=[
                    ("day", "Day"),
                    ("month", "Month"),
                    ("year", "Year"),
                    ("unknown", "Date unknown"),
                ],
                default="unknown",
                max_length=16,
                verbose_name="report date precision",
            ),
        ),
        migrations.AlterField(
            model_name="incident",
            name="occurred_as_stated",
            field=models.CharField(
                blank=True,
                help_text="'late March 2025', 'in the last month', 'since 2022': shown wherever the date is shown.",
                max_length=200,
                verbose_name="date in the source's words",
            ),
        ),
        migrations.AlterField(
            model_name="incident",
            name="occurred_end",
            field=models.DateField(
                blank=True,
                help_text="Only for a range or an approximate period.",
                null=True,
                verbose_name="happened until",
            ),
        ),
        migrations.AlterField(
            model_name="incident",
            name="occurred_precision",
            field=models.CharField(
                choices=[
                    ("day", "Day"),
                    ("month", "Month"),
                    ("year", "Year"),
                    ("range", "Between two dates"),
                    ("approximate", "Approximate period"),
                    ("since", "Since (no end given)"),
                    ("unknown", "Date unknown"),
                ],
                default="unknown",
                help_text="How precisely the source dated it. 'Since' is a period with no end; 'Date unknown' takes no date.",
                max_length=16,
                verbose_name="date precision",
            ),
        ),
        migrations.AlterField(
            model_name="incident",
            name="reported_precision",
            field=models.CharField(
                choices=[
                    ("day", "Day"),
                    ("month", "Month"),
                    ("year", "Year"),
                    ("unknown", "Date unknown"),
                ],
                default="unknown",
                max_length=16,
                verbose_name="report date precision",
            ),
        ),
        migrations.RunPython(dates_forward, dates_backward),
        migrations.AddConstraint(
            model_name="incident",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("occurred_precision", "unknown"), ("occurred_start__isnull", True)),
                    models.Q(
                        models.Q(("occurred_precision", "unknown"), _negated=True),
                        ("occurred_start__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="incident_date_unknown_iff_no_start",
                violation_error_message="Only an unknown date has no start.",
            ),
        ),
        migrations.AddConstraint(
            model_name="incident",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("occurred_end__isnull", True),
                        ("occurred_precision__in", ("since", "unknown")),
                    ),
                    models.Q(
                        models.Q(("occurred_precision__in", ("since", "unknown")), _negated=True),
                        ("occurred_end__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="incident_period_open_only_since",
                violation_error_message="Only a 'since' period has no end.",
            ),
        ),
        migrations.AddConstraint(
            model_name="incident",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("occurred_start__isnull", True), ("occurred_start_precision", "")),
                    models.Q(
                        ("occurred_start__isnull", False),
                        models.Q(("occurred_start_precision", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="incident_start_has_precision",
            ),
        ),
        migrations.AddConstraint(
            model_name="incident",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("occurred_end__isnull", True), ("occurred_end_precision", "")),
                    models.Q(
                        ("occurred_end__isnull", False),
                        models.Q(("occurred_end_precision", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="incident_end_has_precision",
            ),
        ),
        migrations.AddConstraint(
            model_name="incident",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("occurred_precision__in", ("day", "month", "year")), _negated=True),
                    models.Q(
                        ("occurred_end_precision", models.F("occurred_precision")),
                        ("occurred_start_precision", models.F("occurred_precision")),
                    ),
                    _connector="OR",
                ),
                name="incident_single_period_precision",
            ),
        ),
        migrations.AddConstraint(
            model_name="incident",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("reported_on__isnull", True), ("reported_precision", "unknown")),
                    models.Q(
                        models.Q(("reported_precision", "unknown"), _negated=True),
                        ("reported_on__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="incident_report_date_unknown_iff_none",
                violation_error_message="Only an unknown report date has no date.",
            ),
        ),
    ]
