"""Free-text search over a model's fields and its related rows: one engine for the
admin's search box (and its autocompletes) and the API's `search=` parameter.

Django's `search_fields` join the related tables, and a join does not apply the related
model's default manager: an incident would be found by the URL of a citation deleted
from it. Here a path along a to-many relation (`citations__source__url`,
`officials__names__name`) becomes an `EXISTS` over the related model's default manager,
so deleted rows of an evidence model (apps.core.models.SoftDeleteModel) never match,
and the rows found are never repeated (no DISTINCT is needed). A deleted record, on the
reviewers' "deleted" list, is still described by the rows deleted with it (the same
moment, apps.core.softdelete), not by those deleted on their own before it.

Forward relations (a group's `incident__title`) stay joins: a row's own parent is part
of what the row is.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import reduce

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from rest_framework.filters import search_smart_split

from apps.core.models import SoftDeleteModel

# The prefixes Django's admin and DRF give a search field; none means "contains".
LOOKUP_PREFIXES = {"^": "istartswith", "=": "iexact"}
DEFAULT_LOOKUP = "icontains"


def search_terms(text: str) -> list[str]:
    """The terms of a search, each to be matched: split on spaces and commas, a quoted
    phrase kept whole (as the API has always split them)."""
    return search_smart_split(text or "")


def _related_rows(relation, outer: type[models.Model], prefix: str) -> QuerySet:
    """The rows of `relation`'s model that may describe the outer row: its default
    manager's (live ones for an evidence model); for a deleted outer evidence record,
    also the rows deleted with it."""
    related = relation.related_model
    if not (
        relation.one_to_many
        and issubclass(related, SoftDeleteModel)
        and issubclass(outer, SoftDeleteModel)
    ):
        return related._default_manager.all()
    # `deleted_at = NULL` is never true: a live outer row reads live rows only.
    deleted_with = Q(deleted_at=OuterRef(f"{prefix}deleted_at"))
    return related.all_objects.filter(Q(deleted_at__isnull=True) | deleted_with)


def _first_to_many(model: type[models.Model], path: str):
    """Where `path` first goes along a to-many relation: (the forward hops before it,
    the model it starts from, the relation, the rest of the path); None if it never
    does (or only along a relation without a way back, left to a join)."""
    parts = path.split(LOOKUP_SEP)
    current = model
    for index, name in enumerate(parts[:-1]):
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            return None  # the rest is a transform or lookup the field understands
        if not field.is_relation:
            return None
        if field.one_to_many or field.many_to_many:
            if field.remote_field.name.endswith("+"):
                return None
            before = LOOKUP_SEP.join(parts[:index])
            return before, current, field, LOOKUP_SEP.join(parts[index + 1 :])
        current = field.related_model
    return None


def _matches(model: type[models.Model], paths: Sequence[tuple[str, str]], term: str) -> Q:
    """Rows of `model` where one of `paths` (path, lookup) matches `term`. Paths along
    the same to-many relation share one EXISTS."""
    condition = Q()
    along: dict[tuple[str, str], tuple] = {}
    for path, lookup in paths:
        hop = _first_to_many(model, path)
        if hop is None:
            condition |= Q(**{f"{path}{LOOKUP_SEP}{lookup}": term})
            continue
        before, outer, relation, rest = hop
        key = (before, relation.name)
        along.setdefault(key, (outer, relation, []))[2].append((rest, lookup))
    for (before, _), (outer, relation, rests) in along.items():
        prefix = f"{before}{LOOKUP_SEP}" if before else ""
        rows = _related_rows(relation, outer, prefix).filter(
            **{relation.remote_field.name: OuterRef(f"{prefix}pk")}
        )
        condition |= Q(Exists(rows.filter(_matches(relation.related_model, rests, term))))
    return condition


def search_condition(model: type[models.Model], fields: Sequence[str], text: str) -> Q | None:
    """The condition rows of `model` meet when each term of `text` is found in one of
    `fields` (Django's `search_fields` notation); None when there is nothing to search."""
    terms = search_terms(text)
    if not fields or not terms:
        return None
    paths = []
    for field in fields:
        lookup = LOOKUP_PREFIXES.get(field[0])
        paths.append((field[1:], lookup) if lookup else (field, DEFAULT_LOOKUP))
    return reduce(operator.and_, (_matches(model, paths, term) for term in terms))


def search(queryset: QuerySet, *, fields: Sequence[str], text: str) -> QuerySet:
    """`queryset` narrowed to the rows `text` finds in `fields`; no row is repeated."""
    condition = search_condition(queryset.model, fields, text)
    return queryset if condition is None else queryset.filter(condition)
