from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    """Cursor pagination: a sync job walking every page sees each record exactly once,
    even while records are added. Ordered by primary key, which never changes."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
