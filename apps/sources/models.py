"""What the record cites: a source, one per normalized URL."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from apps.core.dates import (
    SINGLE_DATE_PRECISIONS,
    UNKNOWN,
    BoundPrecision,
    bound_span,
    format_single_date,
    single_date_constraint,
    single_date_errors,
)
from apps.core.history import AuditedHistory
from apps.core.models import SoftDeleteModel, TrackedModel
from apps.sources.url_normalization import TELEGRAM_HOSTS, InvalidURL, normalize_url, url_to_fetch


class SourceKind(models.TextChoices):
    TELEGRAM = "telegram", "Telegram post"
    STATE_MEDIA = "state_media", "State media article"
    MEDIA = "media", "Other media article"
    OFFICIAL_SITE = "official_site", "Official website post"
    SOCIAL = "social", "Social media post (X, VK ...)"
    VIDEO = "video", "Video / broadcast"
    COURT_RECORD = "court_record", "Court record"
    REPORT = "report", "Report / document (PDF)"
    WEB = "web", "Web page"
    LEGISLATION = "legislation", "Legislation / parliamentary record"
    OTHER = "other", "Other"


_SOCIAL_HOSTS = {"x.com", "twitter.com", "vk.com", "ok.ru", "facebook.com", "instagram.com"}
_VIDEO_HOSTS = {"youtube.com", "youtu.be", "rutube.ru", "vkvideo.ru", "smotrim.ru"}
_STATE_MEDIA_HOSTS = {
    "ria.ru",
    "tass.ru",
    "tass.com",
    "rg.ru",
    "1tv.ru",
    "vesti.ru",
    "rt.com",
    "iz.ru",
    "ntv.ru",
    "tvzvezda.ru",
    "pnp.ru",
}
_OFFICIAL_HOSTS = {"kremlin.ru", "mid.ru", "government.ru", "duma.gov.ru", "council.gov.ru"}


def source_kind_for(url: str | None) -> str:
    """The kind a source most likely is, from its (normalized) URL; an investigator may
    choose another. A document without a URL is a report."""
    if not url:
        return SourceKind.REPORT
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")

    def on(hosts: set[str]) -> bool:
        return any(host == known or host.endswith("." + known) for known in hosts)

    if host in TELEGRAM_HOSTS:
        return SourceKind.TELEGRAM
    if parts.path.lower().endswith(".pdf"):
        return SourceKind.REPORT
    if on(_SOCIAL_HOSTS):
        return SourceKind.SOCIAL
    if on(_VIDEO_HOSTS):
        return SourceKind.VIDEO
    if on(_STATE_MEDIA_HOSTS):
        return SourceKind.STATE_MEDIA
    if on(_OFFICIAL_HOSTS) or ".gov." in f".{host}." or host.endswith(".gov"):
        return SourceKind.OFFICIAL_SITE
    return SourceKind.WEB


class SpeakerKind(models.TextChoices):
    RUSSIAN_OFFICIAL = "russian_official", "Russian official"
    RUSSIAN_STATE_MEDIA = "russian_state_media", "Russian state media"
    UKRAINIAN_OFFICIAL = "ukrainian_official", "Ukrainian official"
    INDEPENDENT = "independent", "Independent (media, researchers, NGOs)"
    INTERNATIONAL = "international", "International body / third country"
    UNKNOWN = "unknown", "Unknown"


class Availability(models.TextChoices):
    UNKNOWN = "unknown", "Not checked yet"
    ONLINE = "online", "Online"
    REMOVED = "removed", "Removed: survives only in an archive or screenshot"


class Language(models.TextChoices):
    RUSSIAN = "ru", "Russian"
    UKRAINIAN = "uk", "Ukrainian"
    ENGLISH = "en", "English"
    OTHER = "other", "Other"
    UNKNOWN = "", "Unknown"


class Source(TrackedModel, SoftDeleteModel):
    url_as_cited = models.TextField(
        "URL as cited",
        blank=True,
        help_text="Exactly as the report or investigator wrote it, e.g. 'https://ria dot "
        "ru/...'. Empty only for documents that have no address.",
    )
    url = models.URLField(
        "normalized URL",
        max_length=2000,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Set from the URL as cited; one source per normalized URL.",
    )
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(
        "publisher / outlet", max_length=300, blank=True, help_text="RIA Novosti, TASS ..."
    )
    author = models.CharField(max_length=300, blank=True, help_text="Byline, if any.")
    kind = models.CharField(
        max_length=20,
        choices=SourceKind.choices,
        blank=True,
        help_text="Leave empty to have it guessed from the URL (t.me: Telegram post, a PDF: "
        "report, ria.ru: state media ...).",
    )
    language = models.CharField(max_length=8, choices=Language.choices, blank=True)
    published_on = models.DateField(
        "publication date",
        null=True,
        blank=True,
        help_text="For a month or a year, any day in it: its first day is stored.",
    )
    published_precision = models.CharField(
        "publication date given as",
        max_length=8,
        choices=SINGLE_DATE_PRECISIONS,
        default=UNKNOWN,
        help_text="Whether the source gives the day, only the month or only the year; "
        "'Date unknown' takes no date.",
    )
    speaker_kind = models.CharField(
        "who is speaking", max_length=24, choices=SpeakerKind.choices, default=SpeakerKind.UNKNOWN
    )
    speaker = models.ForeignKey(
        "actors.Official",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        help_text="The official speaking, if one is.",
    )
    availability = models.CharField(
        max_length=16, choices=Availability.choices, default=Availability.UNKNOWN
    )
    availability_note = models.CharField(max_length=500, blank=True)
    removed_on = models.DateField(
        "found removed on",
        null=True,
        blank=True,
        help_text="When a re-check found the source gone (404/410 or redirected away).",
    )
    copy_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="copies",
        help_text="This is an archived copy, repost or screenshot of that source.",
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="duplicates",
        help_text="Recorded twice: this source's URL is that source's, in another spelling "
        "(found when the URL normalization changed). Its citations and captures stay here; "
        "it has no normalized URL of its own, so new citations go to that source.",
    )
    import_key = models.CharField(
        max_length=100, unique=True, null=True, blank=True, editable=False
    )
    notes = models.TextField("internal notes", blank=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["-published_on", "pk"]
        base_manager_name = "all_objects"  # apps.core.models.SoftDeleteModel
        permissions = [("restore_source", "Can restore a deleted source and its captures")]
        indexes = [models.Index(fields=["kind", "language"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__isnull=True) | ~Q(url_as_cited=""),
                name="source_url_has_cited_form",
            ),
            models.CheckConstraint(
                condition=Q(url__isnull=False) | Q(url_as_cited="") | Q(duplicate_of__isnull=False),
                name="source_cited_url_normalized_unless_duplicate",
                violation_error_message="A cited URL must have its normalized form, unless the "
                "source is a duplicate of another.",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=F("pk")),
                name="source_not_duplicate_of_itself",
            ),
            models.CheckConstraint(
                condition=~Q(copy_of=F("pk")),
                name="source_not_copy_of_itself",
                violation_error_message="A source cannot be a copy of itself.",
            ),
            single_date_constraint(
                "published_on",
                "published_precision",
                name="source_publication_date_unknown_iff_none",
                noun="publication date",
            ),
            models.CheckConstraint(
                condition=~Q(url_as_cited="") | ~Q(title=""),
                name="source_has_url_or_title",
                violation_error_message="Give the URL, or a title for a document without one.",
            ),
        ]

    def __str__(self) -> str:
        label = self.title or self.url or self.url_as_cited
        if len(label) > 90:
            label = label[:89] + "…"
        return f"{label} ({self.publisher})" if self.publisher and self.title else label

    @property
    def published_display(self) -> str:
        """When it was published, at the precision it was given ('March 2025')."""
        return format_single_date(self.published_precision, self.published_on)

    @property
    def url_to_fetch(self) -> str | None:
        """What the archiver asks the server for: the URL as cited, spelled for the wire
        (the normalized URL is the source's identity; see url_normalization)."""
        if not self.url:
            return None
        try:
            return url_to_fetch(self.url_as_cited)
        except InvalidURL:  # a row written before the rules changed: its normalized form
            return self.url

    def clean(self) -> None:
        super().clean()
        self._clean_publication_date()
        self.url_as_cited = self.url_as_cited.strip()
        if not self.url_as_cited:
            self.url = None
            if not self.title.strip():
                raise ValidationError(
                    {"url_as_cited": "Give the URL, or a title for a document without one."}
                )
        elif self.duplicate_of_id is not None:
            self.url = None  # the URL is the other source's (see duplicate_of)
        else:
            try:
                self.url = normalize_url(self.url_as_cited)
            except InvalidURL as exc:
                raise ValidationError({"url_as_cited": str(exc)}) from exc
            # Set after the fields were validated, so checked here: encoded, a URL in
            # Cyrillic is six times as long as it reads.
            limit = self._meta.get_field("url").max_length
            longest = max(len(self.url), len(self.url_to_fetch or ""))
            if longest > limit:
                raise ValidationError(
                    {
                        "url_as_cited": f"The address is {longest:,} characters long once "
                        f"percent-encoded; at most {limit:,} can be recorded."
                    }
                )
            # Deleted sources included: a deleted source keeps its URL.
            clash = Source.all_objects.filter(url=self.url).exclude(pk=self.pk).first()
            if clash is not None and clash.is_deleted:
                raise ValidationError(
                    {
                        "url_as_cited": f"This URL is recorded as source #{clash.pk} "
                        f"('{clash}'), which was deleted ({clash.deletion_reason}). A "
                        "reviewer can restore it; it is not added again."
                    }
                )
            if clash is not None:
                raise ValidationError(
                    {
                        "url_as_cited": f"This URL is already recorded as source #{clash.pk} "
                        f"('{clash}'). Cite that source instead of adding it again."
                    }
                )
        if not self.kind:
            self.kind = source_kind_for(self.url)
        if self.copy_of_id is not None and self.pk is not None and self.copy_of_id == self.pk:
            raise ValidationError({"copy_of": "A source cannot be a copy of itself."})

    def _clean_publication_date(self) -> None:
        errors = single_date_errors(
            self.published_on,
            self.published_precision,
            date_field="published_on",
            precision_field="published_precision",
            noun="publication date",
        )
        if errors:
            raise ValidationError(errors)
        if self.published_on and self.published_precision != BoundPrecision.DAY:
            # A month or a year is stored as its first day (filters rely on it).
            self.published_on = bound_span(self.published_precision, self.published_on)[0]
