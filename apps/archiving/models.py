"""Captures of cited URLs, and the jobs that make them.

A `CaptureJob` is the unit of work and the source of truth: Celery only carries its id.
A worker claims a job by a conditional UPDATE that sets a lease, and renews the lease
while the capture runs; a job whose worker died is claimed again when the lease runs
out, and a job that stopped its worker too many times is recorded as failed. A `Capture`
is the evidence one attempt produced (or the reason it could not): never edited and
never deleted.
"""

from django.db import models
from django.db.models import Q

from apps.core.history import AuditedHistory
from apps.core.models import (
    AllRowsManager,
    HardDeleteRefused,
    LiveManager,
    SoftDeleteModel,
    SoftDeleteQuerySet,
    UndeletableQuerySet,
)


class JobStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    RUNNING = "running", "Running"
    DONE = "done", "Done"


class JobKind(models.TextChoices):
    FIRST = "first", "First capture"
    AGAIN = "again", "Capture again (asked by staff)"
    RECHECK = "recheck", "Link-rot re-check"
    # A page bundled with the demo and recorded as a capture, never fetched: not a sign
    # that the address was archived, so never re-checked.
    STAND_IN = "stand_in", "Demo stand-in (bundled, not fetched)"


class CaptureJobQuerySet(UndeletableQuerySet):
    def open(self):
        """Jobs not done yet: waiting or running (at most one per source)."""
        return self.exclude(status=JobStatus.DONE)


class CaptureJob(models.Model):
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="+")
    url = models.URLField(
        "normalized URL", max_length=2000, help_text="The source's (normalized) URL."
    )
    fetch_url = models.URLField(
        "URL to fetch",
        max_length=2000,
        help_text="The URL as cited, spelled for the wire: it differs from the normalized "
        "one only where a server may answer differently (a Telegram t.me/s/ link).",
    )
    kind = models.CharField(max_length=10, choices=JobKind.choices, default=JobKind.FIRST)
    status = models.CharField(
        max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(
        default=0,
        help_text="How many times a worker took the job; also the lease's token: a worker "
        "records its capture only if the job is still at the attempt it took.",
    )
    crashes = models.PositiveSmallIntegerField(
        "worker stopped",
        default=0,
        help_text="How many times the job's lease ran out without an outcome: the worker "
        "was killed, crashed or hung during the capture.",
    )
    not_before = models.DateTimeField(help_text="Do not try before this time (UTC).")
    lease_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Renewed while a worker runs the job; a running job whose lease ran out "
        "is taken again.",
    )
    last_error = models.TextField(blank=True)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = CaptureJobQuerySet.as_manager()
    # The lease is the workers' clock, renewed while a capture runs: history keeps the
    # job's status, attempts and errors, not each tick of it.
    history = AuditedHistory(excluded_fields=["lease_until"])

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open job per source: asking again while one waits changes nothing.
            models.UniqueConstraint(
                fields=["source"],
                condition=~Q(status="done"),
                name="capturejob_one_open_per_source",
            )
        ]
        indexes = [models.Index(fields=["status", "not_before"], name="capturejob_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.url} ({self.get_status_display()})"

    def delete(self, using=None, keep_parents=False):
        # Who asked for which capture, and when, is part of the evidence's story.
        raise HardDeleteRefused(type(self))

    delete.alters_data = True


class Outcome(models.TextChoices):
    ARCHIVED = "archived", "Archived"
    NOT_HTML = "not_html", "Archived as a file (not a web page)"
    FAILED = "failed", "Failed"
    BLOCKED = "blocked", "Blocked (address refused)"
    GONE = "gone", "Gone (removed or redirected away)"
    TOO_LARGE = "too_large", "Too large"


SAVED_OUTCOMES = (Outcome.ARCHIVED, Outcome.NOT_HTML)


class CaptureQuerySet(SoftDeleteQuerySet):
    def saved(self):
        """Captures that hold the document (archived, or archived as a file)."""
        return self.filter(outcome__in=SAVED_OUTCOMES)


class Capture(SoftDeleteModel):
    """What one fetch of a source's URL brought back, as evidence. Deleted only with
    its source, and restored with it (apps.archiving.softdelete)."""

    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="captures")
    job = models.ForeignKey(CaptureJob, on_delete=models.PROTECT, related_name="captures")
    url = models.URLField(
        "normalized URL", max_length=2000, help_text="The source's URL, when it was captured."
    )
    fetched_url = models.URLField(
        "URL fetched",
        max_length=2000,
        help_text="What was asked of the server: the URL as cited (without the report's "
        "obfuscation, trackers and fragment), where it differs from the normalized one.",
    )
    requested_at = models.DateTimeField(help_text="When the capture was asked for (UTC).")
    fetched_at = models.DateTimeField(
        null=True, blank=True, help_text="When the response arrived (UTC)."
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, db_index=True)
    error = models.TextField(blank=True, help_text="Why it failed, in words.")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    redirect_chain = models.JSONField(
        default=list, blank=True, help_text="Each hop: URL, status, Location."
    )
    peer_ip = models.GenericIPAddressField("server address", null=True, blank=True)
    response_headers = models.JSONField(default=list, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    content_length = models.PositiveBigIntegerField(null=True, blank=True)
    payload_sha256 = models.CharField("payload SHA-256", max_length=64, blank=True, db_index=True)
    payload_stored_in = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The same payload was archived before: this capture's WARC holds a "
        "revisit record that refers to that capture's WARC, where the bytes are.",
    )
    warc = models.CharField("WARC file", max_length=300, blank=True)
    payload_record_id = models.CharField(
        "payload WARC-Record-ID", max_length=100, blank=True, help_text="The final response."
    )
    warc_sha256 = models.CharField("WARC SHA-256", max_length=64, blank=True)
    warc_size = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    text = models.TextField("extracted text", blank=True)
    extraction_error = models.TextField(
        blank=True,
        help_text="Why the text could not be extracted, or only in part (the WARC holds "
        "the document whatever this says).",
    )
    posted_at = models.DateTimeField(
        null=True, blank=True, help_text="Telegram: the post's own date, from its preview."
    )
    preview_url = models.URLField(
        max_length=2000, blank=True, help_text="Telegram: the public preview also captured."
    )
    worker_version = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaptureQuerySet.as_manager()
    history = AuditedHistory()
    objects = LiveManager.from_queryset(CaptureQuerySet)()
    all_objects = AllRowsManager.from_queryset(CaptureQuerySet)()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        base_manager_name = "all_objects"  # apps.core.models.SoftDeleteModel
        indexes = [models.Index(fields=["source", "-requested_at"], name="capture_source_latest")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome__in=SAVED_OUTCOMES) | ~Q(payload_sha256=""),
                name="capture_saved_has_payload_hash",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.url} ({self.requested_at:%Y-%m-%d %H:%M})"

    @property
    def is_saved(self) -> bool:
        return self.outcome in SAVED_OUTCOMES

    @property
    def taken_at(self):
        """When the copy was taken: the answer's time, else (nothing came) the request's."""
        return self.fetched_at or self.requested_at


class HostSlot(models.Model):
    """Politeness: when the next request to a host may start (shared by all workers).

    An operational counter, not a record: it keeps no history."""

    host = models.CharField(max_length=255, unique=True)
    next_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.host
