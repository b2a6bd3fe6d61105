"""The one place that computes how many children a set of groups holds.

Every total the software shows (admin, API statistics, search facets, dashboards)
comes from here, and it counts each child once:

* aggregate claims and figures that include adults are never added (claims are shown
  beside totals, see apps.cases.statistics.claims_in);
* groups linked "the same children as" are one set of children: when several of them
  are in the set, the set counts once, with the largest minimum any of them states
  (and the smallest maximum, never below that minimum);
* a group "part of" another adds nothing when a group it is inside (directly, through
  other groups, or through a group with the same children) is also in the set; when
  only the part is in the set, it counts;
* two figures in the set that both hold the same part (a group "part of" both), or that
  are both part of the same larger figure outside the set ("80 in foster families" and
  "70 with disabilities", both of one 100), overlap by an amount no source states:
  together they count as the larger of the two, with the sum of their maxima as the
  upper bound, so the total never claims more than the evidence supports;
* the sum is of minima ("over 1,000" adds 1,001), and the total says "at least" as soon
  as any part has no upper bound, and "approximately" when any part is approximate.

`children_total_by` applies the same rules inside each bucket of a breakdown (by place,
placement, year): a group counts in a bucket unless a group it is inside is in the
same bucket.

Groups without links (nearly all) are summed in SQL, in the same statement that reads
the few linked groups of the set; only when there are linked groups does a second
query read the links, which apps.cases.group_links follows in Python (a group may have
any number of links, which a fixed number of SQL joins cannot follow).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Exists, Expression, OuterRef, QuerySet, Value

from apps.cases.group_links import LinkGraph
from apps.cases.models import ChildGroup, ChildGroupLink, CountQualifier


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

    @classmethod
    def from_sums(cls, minimum, maximum, open_ended, approximate, groups) -> ChildTotal:
        open_ended = (open_ended or 0) > 0
        return cls(
            count=int(minimum or 0),
            at_least=open_ended,
            approximate=(approximate or 0) > 0,
            maximum=None if open_ended else int(maximum or 0),
            groups=int(groups or 0),
        )


EMPTY = ChildTotal(count=0, at_least=False, approximate=False, maximum=0, groups=0)


def children_total(
    groups: QuerySet[ChildGroup], *, links: QuerySet[ChildGroupLink] | None = None
) -> ChildTotal:
    """How many children `groups` hold, each counted once, with the qualifier kept.

    `links` are the links the rules follow (all by default); a requester who may not
    read every group gives those it may read, so that a total never depends on a group
    it cannot see (two published figures "part of" one hidden figure count as two)."""
    return _totals(groups, key=Value(0), links=links).get(0, EMPTY)


def children_total_by(
    groups: QuerySet[ChildGroup],
    *,
    key: Expression | None = None,
    pairs: QuerySet | None = None,
    links: QuerySet[ChildGroupLink] | None = None,
) -> dict[Hashable, ChildTotal]:
    """Totals per bucket, each bucket counted by the rules above on its own groups.

    Either `key`, an expression over a group giving its one bucket (placement, year),
    or `pairs`, a queryset of (group id, bucket) rows from `values_list` for groups in
    several buckets (a group with two destinations), without repeated rows (use
    `union`, not `union(all=True)`). Keys must not be NULL. Buckets without countable
    groups are left out.
    """
    if (key is None) == (pairs is None):
        raise TypeError("give either key or pairs")
    return _totals(groups, key=key, pairs=pairs, links=links)


def _rows_may_repeat(queryset: QuerySet) -> bool:
    """Whether a row can come out more than once: a join along a to-many relation (a
    group with six destinations matches six times) without DISTINCT."""
    if queryset.query.distinct or queryset.query.combinator:
        return True
    for join in queryset.query.alias_map.values():
        field = getattr(join, "join_field", None)
        if field is not None and not (field.many_to_one or field.one_to_one):
            return True
    return False


def countable_groups_in(groups: QuerySet[ChildGroup]) -> QuerySet[ChildGroup]:
    """The groups of `groups` that may be added (not aggregate claims, no adults), each
    once."""
    if _rows_may_repeat(groups):
        # Re-select by primary key, so that joins can never multiply a sum.
        groups = ChildGroup.objects.filter(pk__in=groups.order_by().values("pk"))
    return groups.order_by().filter(includes_adults=False, is_aggregate_claim=False)


def _linked(links: QuerySet[ChildGroupLink]):
    """Whether a group takes part in any of `links`, either end."""
    links = links.order_by()
    return Exists(links.filter(group=OuterRef("pk"))) | Exists(
        links.filter(counted_in=OuterRef("pk"))
    )


def _totals(groups, *, key=None, pairs=None, links=None) -> dict:
    connection = connections[groups.db]
    if links is None:
        links = ChildGroupLink.objects.all()
    countable = countable_groups_in(groups).annotate(linked=_linked(links))
    fields = ("pk", "count_min", "count_max", "count_qualifier", "linked")
    try:
        if key is not None:
            # One bucket per group: the key is a column of the selected groups.
            s_sql, s_params = (
                countable.annotate(k=key).values_list(*fields, "k").query.sql_with_params()
            )
            ctes = [("s (id, count_min, count_max, count_qualifier, linked, k)", s_sql, s_params)]
            rows_from, this = "s", "s"
        else:
            s_sql, s_params = countable.values_list(*fields).query.sql_with_params()
            p_sql, p_params = pairs.order_by().query.sql_with_params()
            ctes = [
                ("s (id, count_min, count_max, count_qualifier, linked)", s_sql, s_params),
                ("pairs (id, k)", p_sql, p_params),
                ("keyed", "SELECT pairs.id, pairs.k FROM pairs JOIN s ON s.id = pairs.id", []),
            ]
            rows_from, this = "keyed JOIN s ON s.id = keyed.id", "keyed"
    except EmptyResultSet:  # .none(), or a filter on an empty list
        return {}
    open_ended = "CASE WHEN s.count_max IS NULL THEN 1 ELSE 0 END"
    approximate = "CASE WHEN s.count_qualifier = %s THEN 1 ELSE 0 END"
    # Unlinked groups summed per bucket (id NULL); linked groups one row each.
    sql = (
        "WITH "
        + ", ".join(f"{name} AS ({body})" for name, body, _ in ctes)
        + f"""
        SELECT {this}.k, NULL, SUM(s.count_min), SUM(s.count_max), SUM({open_ended}),
               SUM({approximate}), COUNT(*)
        FROM {rows_from} WHERE NOT s.linked GROUP BY {this}.k
        UNION ALL
        SELECT {this}.k, s.id, s.count_min, s.count_max, {open_ended}, {approximate}, 1
        FROM {rows_from} WHERE s.linked
        """
    )
    params = [p for _, _, cte_params in ctes for p in cte_params]
    params += [CountQualifier.APPROXIMATELY.value] * 2
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    sums: dict = {}
    linked: dict = {}
    for k, group_id, minimum, maximum, open_count, approximate_count, n in rows:
        if group_id is None:
            sums[k] = _Sum(int(minimum or 0), int(maximum or 0), open_count, approximate_count, n)
        else:
            linked.setdefault(k, []).append(
                _Figure(group_id, minimum, maximum, bool(approximate_count))
            )
    if linked:
        graph = LinkGraph(
            links.using(groups.db).order_by().values_list("group_id", "counted_in_id", "relation")
        )
        for k, figures in linked.items():
            sums[k] = sums.get(k, _Sum()) + _linked_sum(figures, graph)
    return {
        k: ChildTotal.from_sums(s.minimum, s.maximum, s.open, s.approximate, s.groups)
        for k, s in sums.items()
        if s.groups
    }


@dataclass(frozen=True)
class _Figure:
    group: int
    minimum: int
    maximum: int | None
    approximate: bool


@dataclass(frozen=True)
class _Sum:
    minimum: int = 0
    maximum: int = 0  # of the parts that have one
    open: int = 0  # parts without a maximum
    approximate: int = 0
    groups: int = 0

    def __add__(self, other: _Sum) -> _Sum:
        return _Sum(
            self.minimum + other.minimum,
            self.maximum + other.maximum,
            self.open + other.open,
            self.approximate + other.approximate,
            self.groups + other.groups,
        )


def _linked_sum(figures: list[_Figure], graph: LinkGraph) -> _Sum:
    """What linked groups of one bucket add, by the rules in the module docstring."""
    # Groups with the same children: one set, with the figure all of them support.
    sets: dict[int, list[_Figure]] = {}
    for figure in figures:
        sets.setdefault(graph.set_of(figure.group), []).append(figure)
    combined: dict[int, _Figure] = {}
    for name, members in sets.items():
        minimum = max(f.minimum for f in members)
        maxima = [f.maximum for f in members if f.maximum is not None]
        maximum = max(minimum, min(maxima)) if maxima else None
        combined[name] = _Figure(name, minimum, maximum, any(f.approximate for f in members))
    # A set inside another set of the bucket adds nothing.
    outermost = [name for name in combined if not (graph.above(name) & combined.keys())]
    # Outermost sets holding a common part, or inside a common whole, may overlap: they
    # count as the larger one (at most their sum).
    overlapping: dict[int, int] = {name: name for name in outermost}

    def root(name: int) -> int:
        while overlapping[name] != name:
            name = overlapping[name]
        return name

    holder_of: dict[int, int] = {}
    for name in outermost:
        for inner in graph.below(name) | graph.above(name) | {name}:
            if inner in holder_of:
                overlapping[root(name)] = root(holder_of[inner])
            else:
                holder_of[inner] = name
    clusters: dict[int, list[_Figure]] = {}
    for name in outermost:
        clusters.setdefault(root(name), []).append(combined[name])
    total = _Sum()
    for members in clusters.values():
        maxima = [f.maximum for f in members]
        total += _Sum(
            minimum=max(f.minimum for f in members),
            maximum=sum(m for m in maxima if m is not None),
            open=sum(m is None for m in maxima),
            approximate=sum(f.approximate for f in members),
            groups=len(members),
        )
    return total
