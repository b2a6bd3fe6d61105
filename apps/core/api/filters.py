from django_filters import rest_framework as filters
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend


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


class SemiJoin:
    """For a filter along a to-many relation (an incident's groups, its officials):
    match as `pk IN (subquery)`. A join would repeat a row once per matching related
    row, and DISTINCT over whole rows (long texts included) is what made such filters
    slow; the subquery needs neither, so no DISTINCT is asked for."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        everything = qs.model._default_manager.all()
        inner = super().filter(everything, value)
        if inner is everything:  # no value: the filter left the queryset alone
            return qs
        return qs.filter(pk__in=inner.order_by().values("pk"))


class ToManyMultipleChoiceFilter(SemiJoin, filters.MultipleChoiceFilter):
    pass


class ToManyModelMultipleChoiceFilter(SemiJoin, filters.ModelMultipleChoiceFilter):
    pass


class ToManyNumberFilter(SemiJoin, filters.NumberFilter):
    pass
