from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views import defaults

from apps.core.api.errors import MESSAGES, error_response

API_PREFIX = "/api/"


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for the compose healthcheck and monitors."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


# Django's own error pages (config/urls.py): under /api/ they answer in the API's one
# error shape, elsewhere as Django does.


def bad_request(request: HttpRequest, exception=None):
    if not request.path.startswith(API_PREFIX):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return error_response(413, "too_large", "The request body is too large.")
    return error_response(400, "bad_request", "The request could not be read.")


def page_not_found(request: HttpRequest, exception=None):
    if not request.path.startswith(API_PREFIX):
        return defaults.page_not_found(request, exception)
    return error_response(404, "not_found", MESSAGES[404])


def server_error(request: HttpRequest):
    if not request.path.startswith(API_PREFIX):
        return defaults.server_error(request)
    return error_response(500, "server_error", "The server failed; the error is logged.")
