"""The permanent record of every evidence package built: who, when, what, which hash."""

from django.conf import settings
from django.db import models

from apps.core.models import WrittenOnce


class EvidencePackage(WrittenOnce):
    """One package as built: the SHA-256 of its manifest identifies it, whoever holds
    a copy of the file can compare it with this row."""

    built_at = models.DateTimeField(help_text="When the package was built (UTC).")
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    incident_ids = models.JSONField(help_text="The ids of the incidents it holds.")
    manifest_sha256 = models.CharField("manifest SHA-256", max_length=64, db_index=True)
    file_count = models.PositiveIntegerField(help_text="Files listed in the manifest.")
    capture_count = models.PositiveIntegerField()
    size = models.PositiveBigIntegerField("zip size (bytes)")
    software = models.CharField(max_length=300)
    installation = models.CharField(max_length=200)
    timestamped = models.BooleanField(
        default=False, help_text="Whether an RFC 3161 timestamp of the manifest is inside."
    )

    class Meta:
        ordering = ["-built_at", "-pk"]
        verbose_name = "evidence package"

    def __str__(self) -> str:
        return f"Package of {len(self.incident_ids)} incident(s), {self.built_at:%Y-%m-%d %H:%M}"
