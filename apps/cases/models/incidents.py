"""Incidents: one event or statement, when it happened, where, and who acted."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from apps.cases.models.publication import PublicationStatus

# How precisely one end of a period was given, and a single date in words: shared with
# sources (apps.core.dates), importable from here as before.
from apps.core.dates import (
    BoundPrecision,
    bound_span,
    format_date,
    format_single_date,
    single_date_constraint,
    single_date_errors,
)
from apps.core.history import AuditedHistory
from apps.core.models import SoftDeleteModel, TrackedModel, protect_link_targets


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
    SINCE = "since", "Since (no end given)"
    UNKNOWN = "unknown", "Date unknown"


# A single day, month or year: both ends follow from the one date and share its precision.
SINGLE_PERIODS = (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR)
# A period without an end: open ('since 2022'), or no date at all.
OPEN_ENDED_PRECISIONS = (DatePrecision.SINCE, DatePrecision.UNKNOWN)
# What a report date may be: one day, month or year, or not known.
REPORT_PRECISIONS = [
    (DatePrecision.DAY, "Day"),
    (DatePrecision.MONTH, "Month"),
    (DatePrecision.YEAR, "Year"),
    (DatePrecision.UNKNOWN, "Date unknown"),
]


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
    precision: str,
    start: dt.date | None,
    end: dt.date | None,
    start_precision: str = "",
    end_precision: str = "",
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a period covers, from the dates the investigator gave.

    A month or a year is stored as its whole span, so that a filter on dates overlaps
    it honestly; the precisions keep the fact that no day was given. A 'since' period
    has no last day; an unknown date has neither.
    """
    if start is None or precision == DatePrecision.UNKNOWN:
        return None, None
    if precision in SINGLE_PERIODS:
        return bound_span(precision, start)
    first = bound_span(start_precision, start)[0]
    if end is None or precision == DatePrecision.SINCE:
        return first, None
    return first, bound_span(end_precision, end)[1]


def format_period(
    precision: str,
    start: dt.date | None,
    end: dt.date | None,
    start_precision: str = "",
    end_precision: str = "",
) -> str:
    """A period in words at the precision each end was given ('March 2025', 'since 2022',
    'about September 2025 - 22 Oct 2025', 'date unknown'): a day appears only where a
    day was given."""
    if start is None or precision == DatePrecision.UNKNOWN:
        return "date unknown"
    if precision in SINGLE_PERIODS:
        return format_date(precision, start)
    first = format_date(start_precision, start)
    if end is None or precision == DatePrecision.SINCE:
        text = f"since {first}"
    else:
        last = format_date(end_precision, end)
        text = first if first == last else f"{first} – {last}"
    return f"about {text}" if precision == DatePrecision.APPROXIMATE else text


def _occurred_period(incident) -> str:
    # A function, not a property, so that the bulk document builder (which runs the
    # display properties on plain rows of columns) can call it from both displays.
    return format_period(
        incident.occurred_precision,
        incident.occurred_start,
        incident.occurred_end,
        incident.occurred_start_precision,
        incident.occurred_end_precision,
    )


class Incident(TrackedModel, SoftDeleteModel):
    title = models.CharField(max_length=300, help_text="A one-line headline in your words.")
    incident_type = models.CharField("type", max_length=32, choices=IncidentType.choices)
    summary = models.TextField(help_text="What happened, in your own words, with figures.")

    occurred_precision = models.CharField(
        "date precision",
        max_length=16,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
        help_text="How precisely the source dated it. 'Since' is a period with no end; "
        "'Date unknown' takes no date.",
    )
    occurred_start = models.DateField(
        "happened from",
        null=True,
        blank=True,
        help_text="For a month or a year, any day in it: the whole span is stored.",
    )
    occurred_start_precision = models.CharField(
        "start given as",
        max_length=8,
        choices=BoundPrecision.choices,
        blank=True,
        help_text="For a range, an approximate period or 'since': whether the source gave "
        "the start as a day, a month or only a year ('since 2022' is a year).",
    )
    occurred_end = models.DateField(
        "happened until",
        null=True,
        blank=True,
        help_text="Only for a range or an approximate period.",
    )
    occurred_end_precision = models.CharField(
        "end given as",
        max_length=8,
        choices=BoundPrecision.choices,
        blank=True,
        help_text="For a range or an approximate period: a day, a month or only a year.",
    )
    occurred_as_stated = models.CharField(
        "date in the source's words",
        max_length=200,
        blank=True,
        help_text="'late March 2025', 'in the last month', 'since 2022': shown wherever "
        "the date is shown.",
    )
    reported_on = models.DateField(
        "reported on", null=True, blank=True, help_text="When the source first reported it."
    )
    reported_precision = models.CharField(
        "report date precision",
        max_length=16,
        choices=REPORT_PRECISIONS,
        default=DatePrecision.UNKNOWN,
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
    to_occupied_territory = models.BooleanField(
        "to occupied territory",
        null=True,
        blank=True,
        help_text="The destination was under Russian occupation at the time (a camp in "
        "occupied Crimea). The place stays Ukrainian in this database.",
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
    status = models.CharField(
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        editable=False,
        help_text="Draft, in review, published or withdrawn: changed only by the review "
        "buttons above the page, each step listed below.",
    )
    # Derived from the status (status == published), stored so that every visibility
    # rule, index and statistics query reads one column. Nobody edits it.
    is_published = models.BooleanField(
        "published",
        default=False,
        editable=False,
        help_text="Partners see only published incidents.",
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

    history = AuditedHistory(m2m_fields=[origin_regions, destination_regions])

    class Meta:
        ordering = ["-occurred_start", "-pk"]
        base_manager_name = "all_objects"  # apps.core.models.SoftDeleteModel
        # A reviewer's, beside add/change/view/delete (apps.accounts.roles).
        permissions = [
            ("publish_incident", "Can publish and withdraw incidents"),
            ("verify_incident", "Can set an incident's verification status"),
            ("restore_incident", "Can restore a deleted incident"),
        ]
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
            models.CheckConstraint(
                condition=Q(status=PublicationStatus.PUBLISHED, is_published=True)
                | (~Q(status=PublicationStatus.PUBLISHED) & Q(is_published=False)),
                name="incident_published_iff_status",
                violation_error_message="Only a published incident is shown as published.",
            ),
            # No date means no date: 'unknown' and only 'unknown' has no start.
            models.CheckConstraint(
                condition=Q(occurred_precision=DatePrecision.UNKNOWN, occurred_start__isnull=True)
                | (~Q(occurred_precision=DatePrecision.UNKNOWN) & Q(occurred_start__isnull=False)),
                name="incident_date_unknown_iff_no_start",
                violation_error_message="Only an unknown date has no start.",
            ),
            # Only a 'since' period (or an unknown date) has no end.
            models.CheckConstraint(
                condition=Q(occurred_precision__in=OPEN_ENDED_PRECISIONS, occurred_end__isnull=True)
                | (
                    ~Q(occurred_precision__in=OPEN_ENDED_PRECISIONS) & Q(occurred_end__isnull=False)
                ),
                name="incident_period_open_only_since",
                violation_error_message="Only a 'since' period has no end.",
            ),
            # Each end of a period says how precisely it was given, and only a given end.
            models.CheckConstraint(
                condition=Q(occurred_start__isnull=True, occurred_start_precision="")
                | (Q(occurred_start__isnull=False) & ~Q(occurred_start_precision="")),
                name="incident_start_has_precision",
            ),
            models.CheckConstraint(
                condition=Q(occurred_end__isnull=True, occurred_end_precision="")
                | (Q(occurred_end__isnull=False) & ~Q(occurred_end_precision="")),
                name="incident_end_has_precision",
            ),
            # A single day, month or year: both ends share its precision.
            models.CheckConstraint(
                condition=~Q(occurred_precision__in=SINGLE_PERIODS)
                | Q(
                    occurred_start_precision=F("occurred_precision"),
                    occurred_end_precision=F("occurred_precision"),
                ),
                name="incident_single_period_precision",
            ),
            single_date_constraint(
                "reported_on",
                "reported_precision",
                name="incident_report_date_unknown_iff_none",
                noun="report date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_display}: {self.title}"

    @property
    def occurred_display(self) -> str:
        """When it happened, as a person should read it: the source's own words when the
        investigator recorded them, else the date at the precision it was given."""
        return self.occurred_as_stated.strip() or _occurred_period(self)

    @property
    def occurred_period_display(self) -> str:
        """The stored period in words, at the precision of each end ('since 2022')."""
        return _occurred_period(self)

    @property
    def reported_display(self) -> str:
        """When it was reported, at the precision it was given ('July 2023')."""
        return format_single_date(self.reported_precision, self.reported_on)

    def clean(self) -> None:
        super().clean()
        errors = self._date_errors()
        if errors:
            raise ValidationError(errors)
        self.occurred_start, self.occurred_end = period_bounds(
            self.occurred_precision,
            self.occurred_start,
            self.occurred_end,
            self.occurred_start_precision,
            self.occurred_end_precision,
        )
        if self.reported_on:
            self.reported_on = period_bounds(self.reported_precision, self.reported_on, None)[0]

    def _date_errors(self) -> dict[str, str]:
        """What is wrong with the dates as given; on success the precisions of the ends
        are set where they follow from the date precision."""
        errors = {}
        precision = self.occurred_precision
        start, end = self.occurred_start, self.occurred_end
        label = self.get_occurred_precision_display()
        if precision == DatePrecision.UNKNOWN:
            if start or end:
                errors["occurred_precision"] = (
                    "A date is given: say how precise it is (a day, a month, a year, a range "
                    "or 'since'), or clear the dates for 'Date unknown'."
                )
            else:
                self.occurred_start_precision = self.occurred_end_precision = ""
        elif start is None:
            errors["occurred_start"] = (
                f"Give the date for precision '{label}', or choose 'Date unknown'."
            )
        elif precision in SINGLE_PERIODS:
            if end and end != bound_span(precision, start)[1]:
                errors["occurred_end"] = (
                    f"With precision '{label}' the end follows from the start; leave it "
                    "empty or choose 'Between two dates'."
                )
            self.occurred_start_precision = self.occurred_end_precision = precision
        else:
            if not self.occurred_start_precision:
                errors["occurred_start_precision"] = (
                    "Say how precisely the source gave the start: a day, a month or a year."
                )
            if precision == DatePrecision.SINCE:
                if end:
                    errors["occurred_end"] = (
                        "A 'since' period has no end; for a period with an end choose "
                        "'Between two dates' or 'Approximate period'."
                    )
                self.occurred_end_precision = ""
            elif end is None:
                errors["occurred_end"] = (
                    f"'{label}' needs an end; for a period with no end choose 'Since'."
                )
            elif not self.occurred_end_precision:
                errors["occurred_end_precision"] = (
                    "Say how precisely the source gave the end: a day, a month or a year."
                )
        if start and end and end < start:
            shown_start = format_date(self.occurred_start_precision or BoundPrecision.DAY, start)
            shown_end = format_date(self.occurred_end_precision or BoundPrecision.DAY, end)
            errors["occurred_end"] = (
                f"The period ends ({shown_end}) before it starts ({shown_start})."
            )
        errors |= single_date_errors(
            self.reported_on,
            self.reported_precision,
            date_field="reported_on",
            precision_field="reported_precision",
            noun="report date",
            asks="whether it is a day, a month or a year",
        )
        if (
            start
            and self.reported_on
            and DatePrecision.UNKNOWN not in (precision, self.reported_precision)
        ):
            first_day = period_bounds(
                precision, start, end, self.occurred_start_precision, self.occurred_end_precision
            )[0]
            reported_last_day = period_bounds(self.reported_precision, self.reported_on, None)[1]
            if first_day > reported_last_day:
                errors["reported_on"] = "It cannot have been reported before it happened."
        return errors

    def set_status(self, status: str) -> None:
        """Set the status and what is derived from it (only the review services call
        this): published or not, and since when."""
        self.status = status
        self.is_published = status == PublicationStatus.PUBLISHED
        self.published_at = (self.published_at or timezone.now()) if self.is_published else None


# A place named as where children came from or were taken to stays while named: its
# deletion would silently drop it from the record (explained in the admin).
for _places in ("origin_regions", "destination_regions"):
    protect_link_targets(Incident, _places)


class IncidentOfficial(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE)
    official = models.ForeignKey("actors.Official", on_delete=models.PROTECT)
    role = models.CharField(max_length=16, choices=OfficialRole.choices)
    position_title = models.CharField(
        "position at the time", max_length=300, blank=True, help_text="As the source gives it."
    )
    note = models.CharField(max_length=500, blank=True)

    history = AuditedHistory()

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

    history = AuditedHistory()

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
