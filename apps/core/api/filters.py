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
