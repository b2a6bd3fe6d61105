"""Places at every level: country → first-level unit → raion → settlement.

Occupied Ukrainian territory stays Ukrainian here. Occupation is a fact about an
incident or a group of children, never a reason to move a region into Russia.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from apps.core.history import AuditedHistory
from apps.core.models import TrackedModel

# Deepest level below a country (first-level unit, raion, hromada, settlement, district of
# a city). Bounding the depth lets "everything below X" be a fixed number of joins.
MAX_DEPTH = 5


class RegionKind(models.TextChoices):
    COUNTRY = "country", "Country"
    OBLAST = "oblast", "Oblast"
    KRAI = "krai", "Krai"
    REPUBLIC = "republic", "Republic"
    AUTONOMOUS_REPUBLIC = "autonomous_republic", "Autonomous republic"
    AUTONOMOUS_OKRUG = "autonomous_okrug", "Autonomous okrug"
    AUTONOMOUS_OBLAST = "autonomous_oblast", "Autonomous oblast"
    CITY_SPECIAL_STATUS = "city_special_status", "City with special status"
    FEDERAL_CITY = "federal_city", "Federal city"
    RAION = "raion", "Raion / district"
    HROMADA = "hromada", "Hromada / municipality"
    SETTLEMENT = "settlement", "Settlement (city, town, village)"
    AREA = "area", "Geographic area"


FIRST_LEVEL_KINDS = {
    RegionKind.OBLAST,
    RegionKind.KRAI,
    RegionKind.REPUBLIC,
    RegionKind.AUTONOMOUS_REPUBLIC,
    RegionKind.AUTONOMOUS_OKRUG,
    RegionKind.AUTONOMOUS_OBLAST,
    RegionKind.CITY_SPECIAL_STATUS,
    RegionKind.FEDERAL_CITY,
}


class RegionQuerySet(models.QuerySet):
    def countries(self):
        return self.filter(kind=RegionKind.COUNTRY)

    def within(self, region: "Region", *, include_self: bool = True):
        """The region and every place below it (Donetsk Oblast finds Mariupol)."""
        condition = Q()
        lookup = "parent"
        for _ in range(MAX_DEPTH + 1):
            condition |= Q(**{lookup: region})
            lookup = f"parent__{lookup}"
        if include_self:
            condition |= Q(pk=region.pk)
        return self.filter(condition)


class Region(TrackedModel):
    kind = models.CharField(max_length=32, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The place this one lies in. Empty only for countries.",
    )
    country = models.ForeignKey(
        "self",
        # Not PROTECT: a country or a first-level place names itself here, and
        # PROTECT would refuse to delete it even when nothing else refers to it.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="Set from the parent chain; a country is its own country.",
    )
    first_level = models.ForeignKey(
        "self",
        # Not PROTECT: a country or a first-level place names itself here, and
        # PROTECT would refuse to delete it even when nothing else refers to it.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="Set from the parent chain: the oblast, krai or republic this place lies "
        "in (itself at that level); a country stands for itself. Breakdowns group by it.",
    )
    iso_code = models.CharField(
        "ISO code",
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text="ISO 3166-1 alpha-2 for countries, ISO 3166-2 below (UA-14, RU-MOS).",
    )
    name_en = models.CharField("name (English)", max_length=200)
    name_uk = models.CharField("name (Ukrainian)", max_length=200, blank=True)
    name_ru = models.CharField("name (Russian)", max_length=200, blank=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    notes = models.TextField(blank=True)

    history = AuditedHistory()
    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["depth", "name_en", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name_en"], name="region_unique_name_within_parent"
            ),
            models.CheckConstraint(
                condition=(Q(kind="country") & Q(parent__isnull=True))
                | (~Q(kind="country") & Q(parent__isnull=False)),
                name="region_country_has_no_parent",
                violation_error_message="A country has no parent; every other place has one.",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="region_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="region_longitude_range",
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self) -> str:
        if self.kind == RegionKind.COUNTRY or self.parent_id is None:
            return self.name_en
        if self.depth == 1:
            return f"{self.name_en} ({self.country.name_en})" if self.country_id else self.name_en
        return f"{self.name_en}, {self.parent.name_en}"

    def clean(self) -> None:
        super().clean()
        if self.kind == RegionKind.COUNTRY:
            if self.parent_id is not None:
                raise ValidationError({"parent": "A country cannot lie inside another place."})
            return
        if self.parent_id is None:
            raise ValidationError({"parent": "Choose the place this one lies in."})
        ancestor, depth = self.parent, 1
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A place cannot lie inside itself."})
            ancestor, depth = ancestor.parent, depth + 1
        if depth - 1 > MAX_DEPTH:
            raise ValidationError(
                {"parent": f"Places can be nested at most {MAX_DEPTH} levels below a country."}
            )
        if self.kind in FIRST_LEVEL_KINDS and self.parent.kind != RegionKind.COUNTRY:
            raise ValidationError(
                {"parent": f"A {self.get_kind_display().lower()} lies directly in a country."}
            )

    def save(self, *args, **kwargs) -> None:
        # Derived from the parent chain on every save so that it cannot drift.
        if self.parent_id is None:
            self.depth = 0
            self.country = self.first_level = self if self.pk else None
        else:
            self.depth = self.parent.depth + 1
            self.country_id = self.parent.country_id
            if self.depth == 1:
                self.first_level = self if self.pk else None
            else:
                self.first_level_id = self.parent.first_level_id
        super().save(*args, **kwargs)
        # A new country or first-level region points at itself once it has a key.
        own = {"country"} if self.parent_id is None else set()
        if self.depth <= 1:
            own.add("first_level")
        stale = [name for name in sorted(own) if getattr(self, f"{name}_id") != self.pk]
        if stale:
            for name in stale:
                setattr(self, f"{name}_id", self.pk)
            super().save(update_fields=stale)
