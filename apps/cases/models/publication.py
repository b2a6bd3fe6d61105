"""Review and publication of incidents: the status, each step taken (who, when, why),
and the tombstones that tell partners an incident they could read is gone.

Steps and tombstones are permanent records: written once by the services in
apps.cases.services, never changed or deleted (apps.core.models.WrittenOnce; the
database refuses too).
"""

from django.conf import settings
from django.db import models

from apps.core.models import WrittenOnce


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PublicationStep(WrittenOnce):
    """One step of an incident's review: from which status to which, by whom, when, with
    the note the person gave and, when a reviewer published despite failing checks, the
    reason and the checks that failed."""

    incident = models.ForeignKey(
        "cases.Incident", on_delete=models.PROTECT, related_name="publication_steps"
    )
    from_status = models.CharField(
        max_length=16, choices=PublicationStatus.choices, blank=True, help_text="Empty: created."
    )
    to_status = models.CharField(max_length=16, choices=PublicationStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)
    override_reason = models.TextField(
        blank=True, help_text="Why it was published although the checks below failed."
    )
    overridden_checks = models.JSONField(
        default=list, blank=True, help_text="The publish checks that failed, as they read."
    )

    class Meta:
        ordering = ["incident", "at", "pk"]
        indexes = [models.Index(fields=["incident", "-at"], name="publicationstep_latest")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")),
                name="publicationstep_changes_status",
            ),
        ]

    def __str__(self) -> str:
        before = self.get_from_status_display() or "created"
        return f"{before} → {self.get_to_status_display()} by {self.by} ({self.at:%Y-%m-%d %H:%M})"


class RemovalKind(models.TextChoices):
    WITHDRAWN = "withdrawn", "Withdrawn"
    DELETED = "deleted", "Deleted"


class Tombstone(WrittenOnce):
    """A published incident stopped being readable by partners (withdrawn or deleted)
    at `removed_at`: what `GET /api/v1/incidents/removed/` answers from."""

    incident = models.ForeignKey("cases.Incident", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=RemovalKind.choices)
    removed_at = models.DateTimeField(db_index=True)
    reason = models.TextField(help_text="Shown to partners.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["removed_at", "pk"]

    def __str__(self) -> str:
        when = f"{self.removed_at:%Y-%m-%d %H:%M}"
        return f"{self.get_kind_display()} {when}: incident {self.incident_id}"
