"""Who acts: officials (people) and organizations (bodies and facilities)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from apps.core.history import AuditedHistory
from apps.core.models import TrackedModel

wikidata_validator = RegexValidator(r"^Q[1-9]\d*$", "A Wikidata ID looks like Q12345.")


class Affiliation(models.TextChoices):
    RUSSIAN_STATE = "russian_state", "Russian state (federal or regional)"
    OCCUPATION = "occupation", "Russian-installed occupation authority"
    RUSSIAN_OTHER = "russian_other", "Other Russian actor (party, church, foundation)"
    UKRAINIAN = "ukrainian", "Ukrainian state"
    INTERNATIONAL = "international", "Third country or international body"
    OTHER = "other", "Other"


class Official(TrackedModel):
    """A person whose statements or actions are recorded (Lvova-Belova, Zakharova ...)."""

    name_en = models.CharField("name (English)", max_length=200, unique=True)
    name_uk = models.CharField("name (Ukrainian)", max_length=200, blank=True)
    name_ru = models.CharField("name (Russian)", max_length=200, blank=True)
    affiliation = models.CharField(
        max_length=32, choices=Affiliation.choices, default=Affiliation.RUSSIAN_STATE
    )
    wikidata_id = models.CharField(
        "Wikidata ID", max_length=20, blank=True, validators=[wikidata_validator]
    )
    opensanctions_id = models.CharField("OpenSanctions ID", max_length=100, blank=True)
    notes = models.TextField(blank=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class OfficialName(models.Model):
    """Another spelling under which search must find the official."""

    class Script(models.TextChoices):
        LATIN = "latin", "Latin"
        CYRILLIC = "cyrillic", "Cyrillic"

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    script = models.CharField(max_length=10, choices=Script.choices)

    history = AuditedHistory()

    class Meta:
        ordering = ["name"]
        verbose_name = "name variant"
        constraints = [
            models.UniqueConstraint(fields=["official", "name"], name="official_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class OrganizationKind(models.TextChoices):
    STATE_BODY = "state_body", "State body (ministry, agency, administration)"
    OMBUDSMAN = "ombudsman", "Children's-rights commissioner's office"
    MILITARY = "military", "Military or security body"
    FOUNDATION = "foundation", "Foundation / NGO"
    PARTY = "party", "Political party"
    RELIGIOUS = "religious", "Religious body"
    MEDIA = "media", "Media outlet"
    LEGISLATURE = "legislature", "Legislature"
    ORPHANAGE = "orphanage", "Facility: orphanage / shelter"
    SANATORIUM = "sanatorium", "Facility: sanatorium / medical"
    CAMP = "camp", "Facility: camp / military-patriotic club"
    SCHOOL = "school", "Facility: school"
    HOSPITAL = "hospital", "Facility: hospital"
    OTHER = "other", "Other"


FACILITY_KINDS = {
    OrganizationKind.ORPHANAGE,
    OrganizationKind.SANATORIUM,
    OrganizationKind.CAMP,
    OrganizationKind.SCHOOL,
    OrganizationKind.HOSPITAL,
}


class Organization(TrackedModel):
    """A body that acts or a facility that holds children."""

    name_en = models.CharField("name (English)", max_length=300, unique=True)
    name_uk = models.CharField("name (Ukrainian)", max_length=300, blank=True)
    name_ru = models.CharField("name (Russian)", max_length=300, blank=True)
    acronym = models.CharField(max_length=30, blank=True, help_text="FMBA, RDIF, MoD ...")
    aliases = models.TextField(blank=True, help_text="Other names and spellings, one per line.")
    kind = models.CharField(max_length=32, choices=OrganizationKind.choices)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text="Where it sits; for a facility, where the children are held.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name="part of / run by",
        help_text="The body it belongs to or that runs it (the FMBA runs 'Klyazma').",
    )
    wikidata_id = models.CharField(
        "Wikidata ID", max_length=20, blank=True, validators=[wikidata_validator]
    )
    notes = models.TextField(blank=True)

    history = AuditedHistory()

    class Meta:
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organization_not_own_parent",
                violation_error_message="An organization cannot be part of itself.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.acronym})" if self.acronym else self.name_en

    @property
    def is_facility(self) -> bool:
        return self.kind in FACILITY_KINDS

    def clean(self) -> None:
        super().clean()
        seen, ancestor = {self.pk}, self.parent
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"parent": "An organization cannot be part of itself."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class OfficialPosition(TrackedModel):
    """A post an official held, with the body, the region served, and the period."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=300, help_text="As the source words it.")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="positions"
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        help_text="The region the post serves, if it is a regional post.",
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Empty while in office.")

    history = AuditedHistory()

    class Meta:
        ordering = ["official", "-start_date"]
        verbose_name = "position"
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=F("end_date")),
                name="position_start_before_end",
                violation_error_message="A position cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.official}: {self.title}"
