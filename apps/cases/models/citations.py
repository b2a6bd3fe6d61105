"""Citations: an incident citing a source, for a claim, in the source's words."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from apps.core.history import AuditedHistory
from apps.core.models import SoftDeleteModel, TrackedModel
from apps.sources.models import Source


class PassageKind(models.TextChoices):
    QUOTE = "quote", "Quotation"
    PARAPHRASE = "paraphrase", "Paraphrase"


class Citation(TrackedModel, SoftDeleteModel):
    """Ties an incident to a source: which claim the source supports, in what words."""

    incident = models.ForeignKey(
        "cases.Incident", on_delete=models.PROTECT, related_name="citations"
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    child_group = models.ForeignKey(
        "cases.ChildGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citations",
        help_text="The group whose figure this source states, if it is one figure.",
    )
    cited_in = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="footnotes",
        help_text="The report whose footnote this is.",
    )
    footnote = models.CharField(
        "footnote label", max_length=20, blank=True, help_text="As printed: 13, 25a ..."
    )
    claim = models.CharField(
        "claim supported", max_length=500, blank=True, help_text="What this source is cited for."
    )
    passage = models.TextField(blank=True, help_text="The words of the source, or a paraphrase.")
    passage_kind = models.CharField(
        max_length=12, choices=PassageKind.choices, default=PassageKind.PARAPHRASE
    )

    history = AuditedHistory()

    class Meta:
        ordering = ["incident", "cited_in", "footnote", "pk"]
        base_manager_name = "all_objects"  # apps.core.models.SoftDeleteModel
        permissions = [("restore_citation", "Can restore a deleted citation")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(cited_in=F("source")),
                name="citation_not_cited_in_itself",
                violation_error_message="A source cannot be its own footnote.",
            )
        ]

    def __str__(self) -> str:
        label = f"[{self.footnote}] " if self.footnote else ""
        return f"{label}{self.source}"

    def clean(self) -> None:
        super().clean()
        # For an incident not saved yet incident_id is None, so any group is foreign.
        if self.child_group_id is not None and self.child_group.incident_id != self.incident_id:
            raise ValidationError(
                {"child_group": "Choose a group of this incident, or leave it empty."}
            )
        if self.footnote and self.cited_in_id is None:
            raise ValidationError({"cited_in": "A footnote label needs the report it belongs to."})
