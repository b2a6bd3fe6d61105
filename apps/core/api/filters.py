"""Query parameters parsed before they reach the database: ids and numbers within what a
column can hold, times in UTC. A value that does not parse is a 400 naming the
parameter, never a database error."""

from __future__ import annotations

import datetime as dt

from django import forms
from django_filters import fields as filter_fields
from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, SearchFilter

from apps.core.models import SoftDeleteModel
from apps.core.search import search

# The largest value of a 64-bit signed integer column (ids, counts).
MAX_INTEGER = 2**63 - 1


def parse_whole_number(value, *, minimum: int = 0, maximum: int = MAX_INTEGER) -> int | None:
    """A whole number from a request (query string or JSON) between `minimum` and
    `maximum`, written in ASCII digits or given as a JSON integer, else None ("²" and
    "٣" are digits to str.isdigit, not to int)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if not isinstance(value, int):
        return None
    return value if minimum <= value <= maximum else None


def parse_id(value) -> int | None:
    """A record id from a request: a whole number from 1 to MAX_INTEGER, else None."""
    return parse_whole_number(value, minimum=1)


class WholeNumberFilter(filters.NumberFilter):
    """A whole number a column can hold (a count, an id); `min_value` 0 by default."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value: int = 0, **kwargs):
        kwargs.setdefault("min_value", min_value)
        kwargs.setdefault("max_value", MAX_INTEGER)
        super().__init__(*args, **kwargs)


class IdFilter(WholeNumberFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, **kwargs)


class _IdChoiceField(filter_fields.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if parse_id(item) is None:
                raise forms.ValidationError(
                    f"{item!r} is not an id (a whole number from 1 to {MAX_INTEGER}).",
                    code="invalid_pk_value",
                )
        return super()._check_values(value)


class UtcDateTimeField(filter_fields.IsoDateTimeField):
    """ISO 8601 with any offset a clock can have, compared in UTC (the database may
    refuse an offset such as +19:34 that Python accepts)."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is not None and parsed.tzinfo is not None:
            offset = parsed.utcoffset()
            if offset is not None and abs(offset) > dt.timedelta(hours=14):
                raise forms.ValidationError(
                    "The time zone offset must lie between -14:00 and +14:00.", code="invalid"
                )
            parsed = parsed.astimezone(dt.UTC)
        return parsed


class UtcDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class RejectNulBytes(BaseFilterBackend):
    """A NUL byte in any query parameter is a 400 naming it (PostgreSQL cannot store one
    in a query, so it would otherwise surface as a server error)."""

    def filter_queryset(self, request, queryset, view):
        bad = {
            name: ["This value contains a NUL byte."]
            for name, values in request.query_params.lists()
            if "\x00" in name or any("\x00" in v for v in values)
        }
        if bad:
            raise ValidationError(bad)
        return queryset


class LiveRowsSearchFilter(SearchFilter):
    """`search=`: each term in one of the view's `search_fields`, through live related
    rows only, by the engine the admin's search uses too (apps.core.search)."""

    def filter_queryset(self, request, queryset, view):
        fields = self.get_search_fields(view, request)
        text = request.query_params.get(self.search_param, "")
        if not fields or not text:
            return queryset
        return search(queryset, fields=fields, text=text)


class SemiJoin:
    """For a filter along a to-many relation (an incident's groups, its officials):
    match as `pk IN (subquery)`. A join would repeat a row once per matching related
    row, and DISTINCT over whole rows (long texts included) is what made such filters
    slow; the subquery needs neither, so no DISTINCT is asked for."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        head, _, rest = self.field_name.partition("__")
        relation = qs.model._meta.get_field(head)
        if rest and relation.one_to_many and issubclass(relation.related_model, SoftDeleteModel):
            # Along an incident's groups or citations: match their live rows only (a
            # join would match through deleted ones), read from their own table.
            return self._filter_along(qs, value, relation, rest)
        everything = qs.model._default_manager.all()
        inner = super().filter(everything, value)
        if inner is everything:  # no value: the filter left the queryset alone
            return qs
        return qs.filter(pk__in=inner.order_by().values("pk"))

    def _filter_along(self, qs, value, relation, rest: str):
        rows = relation.related_model._default_manager.all()
        field_name, self.field_name = self.field_name, rest
        try:
            inner = super().filter(rows, value)
        finally:
            self.field_name = field_name
        if inner is rows:
            return qs
        return qs.filter(pk__in=inner.order_by().values(relation.field.attname))


class ToManyMultipleChoiceFilter(SemiJoin, filters.MultipleChoiceFilter):
    pass


class ToManyModelMultipleChoiceFilter(SemiJoin, filters.ModelMultipleChoiceFilter):
    field_class = _IdChoiceField


class ToManyWholeNumberFilter(SemiJoin, WholeNumberFilter):
    pass
