"""The one place that computes how many children a set of groups holds.

Every total the software shows (admin, API statistics, search facets, dashboards)
comes from `children_total`. It runs as one SQL aggregate over any filtered queryset
of groups, never by loading rows into Python, and it counts each child once:

* a group linked to another ("the same children as", "part of") adds nothing when the
  group it is linked to — directly or through a chain of links — is also in the set;
  when only the linked group is in the set, it counts;
* aggregate claims and figures that include adults are never added;
* the sum is of minima ("over 1,000" adds 1,001), and the total says "at least" as soon
  as any part has no upper bound, and "approximately" when any part is approximate.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from apps.cases.models import ChildGroup, CountQualifier
from apps.cases.models.groups import MAX_LINK_DEPTH


@dataclass(frozen=True)
class ChildTotal:
    count: int  # the sum of minima: the number the evidence supports
    at_least: bool  # some part has no upper bound: the true number may be higher
    approximate: bool  # some part is "approximately"
    maximum: int | None  # the sum of maxima when every part has one
    groups: int  # groups that contributed

    def __str__(self) -> str:
        if self.at_least:
            return f"at least {self.count:,}"
        if self.maximum is not None and self.maximum != self.count:
            return f"{self.count:,}–{self.maximum:,}"
        return f"approximately {self.count:,}" if self.approximate else f"{self.count:,}"

    def as_dict(self) -> dict:
        return {
            "count": self.count,
            "at_least": self.at_least,
            "approximate": self.approximate,
            "maximum": self.maximum,
            "groups": self.groups,
        }


def countable_groups(groups: QuerySet[ChildGroup]) -> QuerySet[ChildGroup]:
    """The groups of `groups` whose children are not already counted by another in it."""
    # Re-select by primary key, so that joins in the caller's filter (a group with six
    # destination regions matches six times) can never multiply a sum.
    addable = ChildGroup.objects.filter(
        pk__in=groups.order_by().values("pk"), is_aggregate_claim=False, includes_adults=False
    )
    selected = addable.order_by().values("pk")
    already_counted = Q()
    lookup = "parent_group"
    for _ in range(MAX_LINK_DEPTH):
        already_counted |= Q(**{f"{lookup}__in": selected})
        lookup = f"{lookup}__parent_group"
    return addable.exclude(already_counted)


def children_total(groups: QuerySet[ChildGroup]) -> ChildTotal:
    """How many children `groups` hold, each counted once, with the qualifier kept."""
    row = countable_groups(groups).aggregate(
        minimum=Sum("count_min"),
        maximum=Sum("count_max"),
        open_ended=Count("pk", filter=Q(count_max__isnull=True)),
        approximate=Count("pk", filter=Q(count_qualifier=CountQualifier.APPROXIMATELY)),
        groups=Count("pk"),
    )
    open_ended = row["open_ended"] > 0
    return ChildTotal(
        count=row["minimum"] or 0,
        at_least=open_ended,
        approximate=row["approximate"] > 0,
        maximum=None if open_ended else (row["maximum"] or 0),
        groups=row["groups"],
    )
