from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination

from apps.core.api.filters import parse_whole_number


class StableCursorPagination(CursorPagination):
    """Cursor pagination: a sync job walking every page sees each record exactly once,
    even while records are added. Ordered by primary key, which never changes.

    `page_size` is a whole number from 1 to `max_page_size`, given once; anything else is
    a 400 naming it (DRF would quietly answer 50 records instead)."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        message = f"A whole number from 1 to {self.max_page_size}, given once."
        if len(values) > 1:
            raise ValidationError({self.page_size_query_param: [message]})
        size = parse_whole_number(values[0], minimum=1, maximum=self.max_page_size)
        if size is None:
            raise ValidationError({self.page_size_query_param: [message]})
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = (
                    f"Records a page: 1 to {self.max_page_size} (default {self.page_size})."
                )
        return parameters
