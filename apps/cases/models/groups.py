"""Child groups: the children in an incident, counted honestly and never twice."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from apps.core.history import AuditedHistory
from apps.core.models import SoftDeleteModel, TrackedModel, protect_link_targets

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


class ClaimSide(models.TextChoices):
    """Who states an aggregate claim. The speaker (person or body) is the incident's:
    its officials and organizations who stated it, and its cited sources."""

    RUSSIAN_AUTHORITIES = "russian_authorities", "Russian authorities"
    UKRAINIAN_AUTHORITIES = "ukrainian_authorities", "Ukrainian authorities"
    OTHER = "other", "Other (third country, international body, NGO, media)"
    NOT_RECORDED = "not_recorded", "Not recorded yet"


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


class LinkBeforeManyLinks(models.Model):
    """A group's history written before a group could have many links (migration 0006)
    keeps the one link it then had here; later history is the links' own."""

    legacy_counted_in_id = models.IntegerField(
        "already counted in (before links)", null=True, blank=True, editable=False
    )
    legacy_relation = models.CharField(
        "how (before links)", max_length=8, blank=True, editable=False
    )

    class Meta:
        abstract = True


class ChildGroup(TrackedModel, SoftDeleteModel):
    incident = models.ForeignKey(
        "cases.Incident", on_delete=models.PROTECT, related_name="child_groups"
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
        help_text="A running total stated by one side (Russia's '700,000 accepted since "
        "2022', Ukraine's 19,546 verified, '122 returned'): not children counted. Recorded "
        "with who claims it and shown beside totals, never added into them.",
    )
    claimed_by = models.CharField(
        "claimed by",
        max_length=24,
        choices=ClaimSide.choices,
        blank=True,
        help_text="Only for an aggregate claim: which side states it.",
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

    import_key = models.CharField(
        max_length=100, unique=True, null=True, blank=True, editable=False
    )
    notes = models.TextField("internal notes", blank=True)

    history = AuditedHistory(
        m2m_fields=[origin_regions, destination_regions], bases=[LinkBeforeManyLinks]
    )

    class Meta:
        ordering = ["incident", "pk"]
        verbose_name = "child group"
        base_manager_name = "all_objects"  # apps.core.models.SoftDeleteModel
        permissions = [("restore_childgroup", "Can restore a deleted child group")]
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
                condition=Q(is_aggregate_claim=False, claimed_by="")
                | (Q(is_aggregate_claim=True) & ~Q(claimed_by="")),
                name="childgroup_claim_has_side",
                violation_error_message="Say who states an aggregate claim; only a claim "
                "has a side.",
            ),
        ]

    def __str__(self) -> str:
        text = self.count_display
        if self.description:
            text = f"{text} {self.description}"
        if self.is_aggregate_claim:
            text = f"[aggregate claim, not counted] {text}"
        return f"{text} ({self.incident.title})" if self.incident_id else text

    @property
    def count_display(self) -> str:
        return format_count(self.count_qualifier, self.count, self.count_upper)

    @property
    def claim_display(self) -> str:
        """'Russian authorities claim 700,000 children 'accepted' from Ukraine'."""
        if self.claimed_by in ("", ClaimSide.NOT_RECORDED):
            side = "A side not recorded"
        else:
            side = ClaimSide(self.claimed_by).label
        words = self.count_as_stated or self.count_display
        text = f"{side} claim {words}"
        return f"{text} {self.description}" if self.description else text

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
        self._clean_claim(errors)
        if "count" not in errors:
            self._clean_parts_fit(errors)
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

    def _clean_claim(self, errors: dict[str, str]) -> None:
        if self.is_aggregate_claim and not self.claimed_by:
            errors["claimed_by"] = (
                "Say who states this aggregate claim (or 'not recorded yet'); the speaker "
                "is the incident's official or organization who stated it."
            )
        elif not self.is_aggregate_claim and self.claimed_by:
            errors["claimed_by"] = (
                "Only an aggregate claim has a side; clear it, or tick 'aggregate claim'."
            )

    def _clean_parts_fit(self, errors: dict[str, str]) -> None:
        """Parts stay within their wholes when a linked group's number changes."""
        if self.pk is None:
            return
        own = count_bounds(self.count_qualifier, self.count, self.count_upper)
        part_links = ChildGroupLink.objects.filter(relation=GroupRelation.PART_OF)
        if own.maximum is not None:
            larger = (
                part_links.filter(counted_in=self.pk, group__count_min__gt=own.maximum)
                .select_related("group__incident")
                .order_by("-group__count_min")
                .first()
            )
            if larger is not None:
                errors["count"] = (
                    f"'{larger.group}' is counted as part of this group but has at least "
                    f"{larger.group.count_min:,} children; this group would have at most "
                    f"{own.maximum:,}."
                )
                return
        for link in part_links.filter(group=self.pk).select_related("counted_in__incident"):
            problem = part_larger_than_whole(own, link.counted_in)
            if problem:
                errors["count"] = problem
                return


def part_larger_than_whole(part: CountBounds, whole: ChildGroup) -> str:
    """Why `part` cannot be part of `whole`, or "" when it can."""
    if whole.count_max is not None and part.minimum > whole.count_max:
        return (
            f"A part cannot be larger than the whole: '{whole}' has at most "
            f"{whole.count_max:,} children, this group at least {part.minimum:,}."
        )
    return ""


# A place named as where children came from or were taken to stays while named: its
# deletion would silently drop it from the record (explained in the admin).
for _places in ("origin_regions", "destination_regions"):
    protect_link_targets(ChildGroup, _places)


class LinksBetweenLiveGroups(models.Manager):
    """A link of a deleted group (apps.core.softdelete) is kept with it, for its
    restore, and is not read: not by the totals, the validation of links or the pages."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(group__deleted_at__isnull=True, counted_in__deleted_at__isnull=True)
        )


class ChildGroupLink(TrackedModel):
    """One group's children already counted in another: "the same children as" (reported
    twice) or "part of" (inside a larger figure). A group may have any number of links;
    the totals count each child once (apps.cases.totals)."""

    group = models.ForeignKey(ChildGroup, on_delete=models.CASCADE, related_name="links")
    counted_in = models.ForeignKey(
        ChildGroup,
        on_delete=models.PROTECT,
        related_name="linked_from",
        verbose_name="already counted in",
        help_text="Another group that already counts these children.",
    )
    relation = models.CharField(
        "how",
        max_length=8,
        choices=GroupRelation.choices,
        help_text="'The same children as' (reported twice) or 'part of' (inside a larger figure).",
    )

    objects = LinksBetweenLiveGroups()
    all_objects = models.Manager()

    history = AuditedHistory()

    class Meta:
        ordering = ["group", "pk"]
        base_manager_name = "all_objects"
        verbose_name = "link to a group that already counts these children"
        verbose_name_plural = "links to groups that already count these children"
        constraints = [
            models.UniqueConstraint(
                fields=["group", "counted_in"],
                name="childgrouplink_once_per_pair",
                violation_error_message="These groups are already linked.",
            ),
            models.CheckConstraint(
                condition=~Q(group=F("counted_in")),
                name="childgrouplink_not_to_itself",
                violation_error_message="A group cannot be the same as, or part of, itself.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_relation_display()} {self.counted_in}"

    def clean(self) -> None:
        super().clean()
        if self.group_id is not None and self.group_id == self.counted_in_id:
            raise ValidationError(
                {"counted_in": "A group cannot be the same as, or part of, itself."}
            )
        if self.relation == GroupRelation.PART_OF and self.group_id and self.counted_in_id:
            group = self.group
            problem = part_larger_than_whole(
                count_bounds(group.count_qualifier, group.count, group.count_upper),
                self.counted_in,
            )
            if problem:
                raise ValidationError({"counted_in": problem})
