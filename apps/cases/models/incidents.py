"""Incidents: one event or statement, when it happened, where, and who acted."""

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.core.models import TrackedModel


class IncidentType(models.TextChoices):
    TRANSFER = "transfer", "Deportation / transfer"
    ADOPTION = "adoption", "Adoption"
    FOSTER = "foster", "Foster placement / guardianship"
    ORPHANAGE = "orphanage", "Placement in an orphanage"
    TREATMENT = "treatment", "'Treatment' / sanatorium"
    CAMP = "camp", "Re-education / military-patriotic camp"
    STATEMENT = "statement", "Official statement / admission"
    RETURN = "return", "Return / repatriation"
    PASSPORTIZATION = "passportization", "Passportization"
    OTHER = "other", "Other"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    RANGE = "range", "Between two dates"
    APPROXIMATE = "approximate", "Approximate period"


class VerificationStatus(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    CORROBORATED = "corroborated", "Corroborated (more than one source)"
    VERIFIED = "verified", "Verified by a reviewer"
    DISPUTED = "disputed", "Disputed"


class OfficialRole(models.TextChoices):
    STATED = "stated", "Stated / announced"
    ORGANIZED = "organized", "Organized"
    FACILITATED = "facilitated", "Facilitated"
    ORDERED = "ordered", "Ordered"
    VISITED = "visited", "Visited"
    RECEIVED = "received", "Received children / met"
    OTHER = "other", "Other"


class OrganizationRole(models.TextChoices):
    STATED = "stated", "Stated / published"
    ORGANIZED = "organized", "Organized"
    FACILITATED = "facilitated", "Facilitated"
    TRANSPORTED = "transported", "Transported"
    HELD = "held", "Held / housed children"
    FUNDED = "funded", "Funded"
    RECEIVED = "received", "Received / honoured"
    OTHER = "other", "Other"


def period_bounds(
    precision: str, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a period covers, from the day the investigator gave.

    A month or a year is stored as its whole span, so that a filter on dates overlaps
    it honestly; the precision keeps the fact that no day was given.
    """
    if start is None:
        return None, end
    if precision == DatePrecision.DAY:
        return start, start
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(start.year, start.month)[1]
        return start.replace(day=1), start.replace(day=last)
    if precision == DatePrecision.YEAR:
        return start.replace(month=1, day=1), start.replace(month=12, day=31)
    return start, end


def format_period(precision: str, start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return "date unknown"
    if precision == DatePrecision.DAY:
        return f"{start:%-d %b %Y}"
    if precision == DatePrecision.MONTH:
        return f"{start:%B %Y}"
    if precision == DatePrecision.YEAR:
        return f"{start:%Y}"
    span = f"{start:%-d %b %Y} – {end:%-d %b %Y}" if end else f"since {start:%-d %b %Y}"
    return f"about {span}" if precision == DatePrecision.APPROXIMATE else span


class Incident(TrackedModel):
    title = models.CharField(max_length=300, help_text="A one-line headline in your words.")
    incident_type = models.CharField("type", max_length=32, choices=IncidentType.choices)
    summary = models.TextField(help_text="What happened, in your own words, with figures.")

    occurred_start = models.DateField(
        "happened from",
        null=True,
        blank=True,
        help_text="For a month or a year, any day in it: the whole span is stored.",
    )
    occurred_end = models.DateField(
        "happened until",
        null=True,
        blank=True,
        help_text="Only for a range or an approximate period; empty means 'since'.",
    )
    occurred_precision = models.CharField(
        "date precision", max_length=16, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    occurred_as_stated = models.CharField(
        "date in the source's words",
        max_length=200,
        blank=True,
        help_text="'late March 2025', 'in the last month', 'since 2022'",
    )
    reported_on = models.DateField(
        "reported on", null=True, blank=True, help_text="When the source first reported it."
    )
    reported_precision = models.CharField(
        "report date precision",
        max_length=16,
        choices=[
            (DatePrecision.DAY, "Day"),
            (DatePrecision.MONTH, "Month"),
            (DatePrecision.YEAR, "Year"),
        ],
        default=DatePrecision.DAY,
    )

    origin_regions = models.ManyToManyField(
        "regions.Region",
        blank=True,
        related_name="incidents_as_origin",
        verbose_name="origin places",
        help_text="Where the children came from, at whatever level is known.",
    )
    destination_regions = models.ManyToManyField(
        "regions.Region",
        blank=True,
        related_name="incidents_as_destination",
        verbose_name="destination places",
    )
    from_occupied_territory = models.BooleanField(
        "from occupied territory",
        null=True,
        blank=True,
        help_text="The origin was under Russian occupation at the time. The place stays "
        "Ukrainian in this database.",
    )
    officials = models.ManyToManyField(
        "actors.Official", through="IncidentOfficial", related_name="incidents", blank=True
    )
    organizations = models.ManyToManyField(
        "actors.Organization",
        through="IncidentOrganization",
        related_name="incidents",
        blank=True,
    )

    verification_status = models.CharField(
        max_length=16, choices=VerificationStatus.choices, default=VerificationStatus.UNVERIFIED
    )
    is_published = models.BooleanField(
        "published", default=False, help_text="Partners see only published incidents."
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    import_key = models.CharField(
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Stable key from the import that created it; keeps re-imports idempotent.",
    )
    notes = models.TextField("internal notes", blank=True)

    history = HistoricalRecords(m2m_fields=[origin_regions, destination_regions])

    class Meta:
        ordering = ["-occurred_start", "-pk"]
        indexes = [
            models.Index(fields=["occurred_start", "occurred_end"]),
            models.Index(fields=["reported_on"]),
            models.Index(fields=["incident_type"]),
            models.Index(fields=["is_published", "updated_at"]),
            # What a partner may see, read from the index alone (statistics, export).
            models.Index(
                fields=["id"], condition=Q(is_published=True), name="incident_published_ids"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_start__isnull=True)
                | Q(occurred_end__isnull=True)
                | Q(occurred_start__lte=F("occurred_end")),
                name="incident_period_start_before_end",
                violation_error_message="The period ends before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(occurred_end__isnull=True) | Q(occurred_start__isnull=False),
                name="incident_period_end_needs_start",
                violation_error_message="A period with an end needs a start.",
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="incident_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_display}: {self.title}"

    @property
    def occurred_display(self) -> str:
        return format_period(self.occurred_precision, self.occurred_start, self.occurred_end)

    def clean(self) -> None:
        super().clean()
        errors = {}
        spans = self.occurred_precision in {DatePrecision.RANGE, DatePrecision.APPROXIMATE}
        if not spans and self.occurred_end and self.occurred_start:
            start, end = period_bounds(self.occurred_precision, self.occurred_start, None)
            if self.occurred_end != end:
                errors["occurred_end"] = (
                    f"With precision '{self.get_occurred_precision_display()}' the end follows "
                    "from the start; leave it empty or choose 'Between two dates'."
                )
        if self.occurred_start and self.occurred_end and self.occurred_end < self.occurred_start:
            errors["occurred_end"] = (
                f"The period ends ({self.occurred_end:%-d %b %Y}) before it starts "
                f"({self.occurred_start:%-d %b %Y})."
            )
        if self.occurred_end and not self.occurred_start:
            errors["occurred_start"] = "A period with an end needs a start."
        if self.occurred_start and self.reported_on:
            start, _ = period_bounds(self.occurred_precision, self.occurred_start, None)
            _, reported_last_day = period_bounds(self.reported_precision, self.reported_on, None)
            if start > reported_last_day:
                errors["reported_on"] = "It cannot have been reported before it happened."
        if errors:
            raise ValidationError(errors)
        self.occurred_start, self.occurred_end = period_bounds(
            self.occurred_precision, self.occurred_start, self.occurred_end
        )
        if self.reported_on:
            self.reported_on = period_bounds(self.reported_precision, self.reported_on, None)[0]

    def set_published(self, published: bool) -> None:
        self.is_published = published
        self.published_at = (self.published_at or timezone.now()) if published else None


class IncidentOfficial(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE)
    official = models.ForeignKey("actors.Official", on_delete=models.PROTECT)
    role = models.CharField(max_length=16, choices=OfficialRole.choices)
    position_title = models.CharField(
        "position at the time", max_length=300, blank=True, help_text="As the source gives it."
    )
    note = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "official involved"
        verbose_name_plural = "officials involved"
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "official", "role"], name="incident_official_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.official} ({self.get_role_display().lower()})"


class IncidentOrganization(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE)
    organization = models.ForeignKey("actors.Organization", on_delete=models.PROTECT)
    role = models.CharField(max_length=16, choices=OrganizationRole.choices)
    note = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "organization involved"
        verbose_name_plural = "organizations involved"
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "organization", "role"],
                name="incident_organization_role_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display().lower()})"
