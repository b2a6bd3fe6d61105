"""Child groups: the children in an incident, counted honestly and never twice."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from apps.core.models import TrackedModel

# How many "same as" / "part of" links may be chained. Bounding it lets the totals
# function find every covering group with a fixed number of joins, in SQL.
MAX_LINK_DEPTH = 6
MAX_AGE = 25  # reports sometimes include young adults still in care; beyond is a typo


class CountQualifier(models.TextChoices):
    EXACT = "exact", "exactly"
    AT_LEAST = "at_least", "at least"
    OVER = "over", "over"
    APPROXIMATELY = "approximately", "approximately"
    UP_TO = "up_to", "up to"
    BETWEEN = "between", "between"
    UNKNOWN = "unknown", "unknown number"


class Placement(models.TextChoices):
    ADOPTION = "adoption", "Adoption"
    FOSTER = "foster", "Foster family"
    GUARDIANSHIP = "guardianship", "Guardianship"
    FAMILY = "family", "Family (kind of placement not stated)"
    FAMILY_PENDING = "family_pending", "Family placement (pending)"
    ORPHANAGE = "orphanage", "Orphanage / shelter"
    MEDICAL = "medical", "Sanatorium / medical"
    CAMP = "camp", "Camp"
    PERMANENT_RESIDENCE = "permanent_residence", "'Permanent residence'"
    WITH_FAMILY = "with_family", "With their own parents / relatives"
    RETURNED = "returned", "Returned to Ukraine"
    UNKNOWN = "unknown", "Unknown"


class Share(models.TextChoices):
    """How many children in the group a fact applies to."""

    ALL = "all", "All of them"
    MOST = "most", "Most of them"
    SOME = "some", "Some of them"
    NONE = "none", "None of them"
    UNKNOWN = "unknown", "Not known"


class OrphanStatus(models.TextChoices):
    ORPHANS = "orphans", "Orphans"
    WITHOUT_CARE = "without_care", "Deprived of parental care"
    ORPHANS_OR_WITHOUT_CARE = "orphans_or_without_care", "Orphans or deprived of parental care"
    NOT_ORPHANS = "not_orphans", "Not orphans"
    MIXED = "mixed", "Mixed"
    UNKNOWN = "unknown", "Unknown"


class GroupRelation(models.TextChoices):
    SAME_CHILDREN = "same", "the same children as"
    PART_OF = "part", "part of"


class CountBounds(NamedTuple):
    minimum: int | None
    maximum: int | None  # None: no upper bound is known


class AgeBounds(NamedTuple):
    minimum: int | None
    maximum: int | None


def count_bounds(qualifier: str, count: int | None, count_upper: int | None) -> CountBounds:
    """The honest machine form of a stated number: "over 1,000" is 1,001 with no maximum.

    Never rounds an open figure into an exact one. An unknown number counts as zero
    with no maximum, so a total that includes it says "at least".
    """
    if qualifier == CountQualifier.UNKNOWN or count is None:
        return CountBounds(0, None)
    if qualifier in {CountQualifier.EXACT, CountQualifier.APPROXIMATELY}:
        return CountBounds(count, count)
    if qualifier == CountQualifier.AT_LEAST:
        return CountBounds(count, None)
    if qualifier == CountQualifier.OVER:
        return CountBounds(count + 1, None)
    if qualifier == CountQualifier.UP_TO:
        return CountBounds(0, count)
    if qualifier == CountQualifier.BETWEEN:
        return CountBounds(count, count_upper)
    raise ValueError(f"unknown count qualifier {qualifier!r}")


_QUALIFIER_LABELS = dict(CountQualifier.choices)


def format_count(qualifier: str, count: int | None, count_upper: int | None) -> str:
    """The number as people read it: "1,380", "over 1,000", "20 to 30" with an en dash."""
    if qualifier == CountQualifier.UNKNOWN or count is None:
        return "unknown number of"
    if qualifier == CountQualifier.EXACT:
        return f"{count:,}"
    if qualifier == CountQualifier.BETWEEN and count_upper is not None:
        return f"{count:,}–{count_upper:,}"
    return f"{_QUALIFIER_LABELS.get(qualifier, qualifier)} {count:,}"


class ChildGroup(TrackedModel):
    incident = models.ForeignKey(
        "cases.Incident", on_delete=models.CASCADE, related_name="child_groups"
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="e.g. 'orphans placed in foster families'"
    )

    count_qualifier = models.CharField(
        max_length=16, choices=CountQualifier.choices, default=CountQualifier.EXACT
    )
    count = models.PositiveIntegerField(
        "number", null=True, blank=True, help_text="The number the source gives."
    )
    count_upper = models.PositiveIntegerField(
        "upper number", null=True, blank=True, help_text="Only for 'between': the larger number."
    )
    count_as_stated = models.CharField("number in the source's words", max_length=200, blank=True)
    # The machine form of the stated number; set from qualifier and number on save.
    count_min = models.PositiveIntegerField(default=0, editable=False)
    count_max = models.PositiveIntegerField(null=True, blank=True, editable=False)
    includes_adults = models.BooleanField(
        "number includes adults",
        default=False,
        help_text="The figure counts people, not only children ('1,200 Ukrainians, "
        "including children'). Such a group is shown but never added into child totals.",
    )
    is_aggregate_claim = models.BooleanField(
        "aggregate claim",
        default=False,
        help_text="A running total stated by one side (Ukraine's 19,546 verified, Russia's "
        "'hundreds'): recorded with its speaker, never added into totals.",
    )

    age_min = models.PositiveSmallIntegerField("youngest age", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("oldest age", null=True, blank=True)
    ages_as_stated = models.CharField("ages in the source's words", max_length=200, blank=True)

    origin_regions = models.ManyToManyField(
        "regions.Region",
        blank=True,
        related_name="child_groups_as_origin",
        verbose_name="origin places",
        help_text="Leave empty when they are the incident's.",
    )
    destination_regions = models.ManyToManyField(
        "regions.Region",
        blank=True,
        related_name="child_groups_as_destination",
        verbose_name="destination places",
        help_text="Leave empty when they are the incident's.",
    )
    facility = models.ForeignKey(
        "actors.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_groups",
        help_text="The orphanage, sanatorium or camp that holds them, if known.",
    )
    placement = models.CharField(
        max_length=32, choices=Placement.choices, default=Placement.UNKNOWN
    )
    accompanied = models.CharField(
        "accompanied by parents or guardians",
        max_length=8,
        choices=Share.choices,
        default=Share.UNKNOWN,
    )
    accompanied_note = models.CharField(max_length=300, blank=True)
    orphan_status = models.CharField(
        max_length=32, choices=OrphanStatus.choices, default=OrphanStatus.UNKNOWN
    )
    with_disabilities = models.CharField(
        "with disabilities", max_length=8, choices=Share.choices, default=Share.UNKNOWN
    )
    siblings = models.CharField(
        "siblings among them", max_length=8, choices=Share.choices, default=Share.UNKNOWN
    )

    parent_group = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="linked_groups",
        verbose_name="already counted in",
        help_text="Another group that already counts these children, so totals count them once.",
    )
    relation_to_parent = models.CharField(
        "how",
        max_length=8,
        choices=GroupRelation.choices,
        blank=True,
        help_text="'The same children as' (reported twice) or 'part of' (inside a larger figure).",
    )
    import_key = models.CharField(
        max_length=100, unique=True, null=True, blank=True, editable=False
    )
    notes = models.TextField("internal notes", blank=True)

    history = HistoricalRecords(m2m_fields=[origin_regions, destination_regions])

    class Meta:
        ordering = ["incident", "pk"]
        verbose_name = "child group"
        indexes = [
            models.Index(fields=["placement"]),
            models.Index(fields=["count_min", "count_max"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(count_max__isnull=True) | Q(count_max__gte=F("count_min")),
                name="childgroup_count_min_le_max",
                violation_error_message="The smallest number is larger than the largest.",
            ),
            models.CheckConstraint(
                condition=Q(count_qualifier="unknown", count__isnull=True)
                | (~Q(count_qualifier="unknown") & Q(count__isnull=False)),
                name="childgroup_number_matches_qualifier",
                violation_error_message="Give a number, or choose 'unknown number'.",
            ),
            models.CheckConstraint(
                condition=Q(count_qualifier="between", count_upper__gt=F("count"))
                | (~Q(count_qualifier="between") & Q(count_upper__isnull=True)),
                name="childgroup_upper_only_for_between",
                violation_error_message="'Between' needs a larger upper number; other "
                "qualifiers take no upper number.",
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=F("age_max")),
                name="childgroup_age_min_le_max",
                violation_error_message="The youngest age is above the oldest age.",
            ),
            models.CheckConstraint(
                condition=(Q(age_min__isnull=True) | Q(age_min__lte=MAX_AGE))
                & (Q(age_max__isnull=True) | Q(age_max__lte=MAX_AGE)),
                name="childgroup_age_plausible",
                violation_error_message=f"Ages above {MAX_AGE} are not children's ages.",
            ),
            models.CheckConstraint(
                condition=~Q(parent_group=F("pk")),
                name="childgroup_not_linked_to_itself",
                violation_error_message="A group cannot be the same as, or part of, itself.",
            ),
            models.CheckConstraint(
                condition=Q(parent_group__isnull=True, relation_to_parent="")
                | (Q(parent_group__isnull=False) & ~Q(relation_to_parent="")),
                name="childgroup_link_has_relation",
                violation_error_message="Say how the group relates to the one it is "
                "already counted in, or clear both.",
            ),
        ]

    def __str__(self) -> str:
        text = self.count_display
        if self.description:
            text = f"{text} {self.description}"
        return f"{text} ({self.incident.title})" if self.incident_id else text

    @property
    def count_display(self) -> str:
        return format_count(self.count_qualifier, self.count, self.count_upper)

    @property
    def same_as(self) -> "ChildGroup | None":
        return self.parent_group if self.relation_to_parent == GroupRelation.SAME_CHILDREN else None

    @property
    def part_of(self) -> "ChildGroup | None":
        return self.parent_group if self.relation_to_parent == GroupRelation.PART_OF else None

    def save(self, *args, **kwargs) -> None:
        # Derived on every save so the stored machine form cannot drift from the number.
        self.count_min, self.count_max = count_bounds(
            self.count_qualifier, self.count, self.count_upper
        )
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        self._clean_count(errors)
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = (
                f"The oldest age ({self.age_max}) is below the youngest age ({self.age_min}). "
                "Swap them?"
            )
        self._clean_link(errors)
        if "parent_group" not in errors:
            self._clean_part_size(errors)
        if errors:
            raise ValidationError(errors)

    def _clean_count(self, errors: dict[str, str]) -> None:
        if self.count_qualifier == CountQualifier.UNKNOWN:
            if self.count is not None:
                errors["count"] = "Leave the number empty when it is unknown."
            return
        if self.count is None:
            errors["count"] = (
                "Give the number the source states, or choose 'unknown number' as the qualifier."
            )
            return
        if self.count_qualifier == CountQualifier.BETWEEN:
            if self.count_upper is None or self.count_upper <= self.count:
                errors["count_upper"] = "'Between' needs an upper number above the first one."
        elif self.count_upper is not None:
            errors["count_upper"] = "Only 'between' takes an upper number."

    def _clean_link(self, errors: dict[str, str]) -> None:
        if self.parent_group_id is None:
            if self.relation_to_parent:
                errors["parent_group"] = "Choose the group these children are already counted in."
            return
        if not self.relation_to_parent:
            errors["relation_to_parent"] = (
                "Say whether these are the same children, or part of that group."
            )
            return
        if self.pk is not None and self.parent_group_id == self.pk:
            errors["parent_group"] = "A group cannot be the same as, or part of, itself."
            return
        chain, ancestor = 1, self.parent_group
        while ancestor.parent_group_id is not None and chain <= MAX_LINK_DEPTH:
            if self.pk is not None and ancestor.parent_group_id == self.pk:
                errors["parent_group"] = (
                    f"That would make a loop: '{ancestor}' is already counted inside this group."
                )
                return
            ancestor, chain = ancestor.parent_group, chain + 1
        if chain + self._link_depth_below() > MAX_LINK_DEPTH:
            errors["parent_group"] = (
                f"Links may be chained at most {MAX_LINK_DEPTH} deep; link to a group "
                "higher up instead."
            )

    def _link_depth_below(self) -> int:
        """How many links deep other groups already hang below this one."""
        if self.pk is None:
            return 0
        depth, level = 0, {self.pk}
        while level and depth <= MAX_LINK_DEPTH:
            level = set(
                ChildGroup.objects.filter(parent_group__in=level).values_list("pk", flat=True)
            )
            depth += bool(level)
        return depth

    def _clean_part_size(self, errors: dict[str, str]) -> None:
        own = count_bounds(self.count_qualifier, self.count, self.count_upper)
        if self.pk is not None and own.maximum is not None:
            larger_part = (
                ChildGroup.objects.filter(
                    parent_group=self.pk,
                    relation_to_parent=GroupRelation.PART_OF,
                    count_min__gt=own.maximum,
                )
                .order_by("-count_min")
                .first()
            )
            if larger_part is not None:
                errors["count"] = (
                    f"'{larger_part}' is counted as part of this group but has at least "
                    f"{larger_part.count_min:,} children; this group would have at most "
                    f"{own.maximum:,}."
                )
        whole = self.parent_group if self.relation_to_parent == GroupRelation.PART_OF else None
        if whole is not None and whole.count_max is not None and own.minimum > whole.count_max:
            errors["count"] = (
                f"A part cannot be larger than the whole: '{whole}' has at most "
                f"{whole.count_max:,} children, this group at least {own.minimum:,}."
            )
