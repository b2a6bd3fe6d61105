"""Middleware of the API plumbing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from apps.core.views import API_PREFIX


class ApiNoStoreMiddleware:
    """An API answer to an authenticated request (a session or a partner key) is for that
    requester only: `Cache-Control: no-store`, so that neither a shared cache nor the
    browser's disk keeps it. The ETag stays: a client that keeps its own copy may still
    ask with If-None-Match and get 304 Not Modified (which carries the same header)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            # DRF puts the user it authenticated (a partner key's too) on the request.
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                patch_cache_control(response, no_store=True, private=True)
                patch_vary_headers(response, ("Authorization",))
        return response
