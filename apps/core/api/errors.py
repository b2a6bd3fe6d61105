"""One shape for every API error, with words a person understands.

{"error": {"status": 400, "code": "invalid", "message": "...",
           "fields": {"occurred_after": ["Enter a valid date."]}}}
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

MESSAGES = {
    400: "The request has errors; see the fields.",
    401: "Authentication is needed: send 'Authorization: Api-Key <key>' or log in.",
    403: "You are not allowed to do this.",
    404: "There is no such record, or you cannot see it.",
    405: "This method is not allowed here.",
    429: "Too many requests; wait and retry.",
}


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, Http404):  # one code for a missing record, whoever says it
        exc = exceptions.NotFound(MESSAGES[404])
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    extra: dict = {}
    if isinstance(exc, exceptions.ValidationError):
        message = MESSAGES[400]
        extra["fields"] = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    elif isinstance(exc, exceptions.NotAuthenticated):
        message = MESSAGES[401]
    else:
        text = detail.get("detail") if isinstance(detail, dict) else None
        message = str(text) if text else MESSAGES.get(response.status_code, "Error.")
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        extra["retry_after_seconds"] = int(exc.wait)
    response.data = error_body(response.status_code, _code(exc), message, **extra)
    return response


def error_body(status_code: int, code: str, message: str, **extra) -> dict:
    """The one error shape: {"error": {"status", "code", "message", ...}}."""
    return {"error": {"status": status_code, "code": code, "message": message, **extra}}


def _code(exc) -> str:
    codes = getattr(exc, "default_code", None)
    return codes if isinstance(codes, str) else "error"


def bad_request(message: str, fields: dict | None = None) -> Response:
    body = error_body(400, "invalid", message, **({"fields": fields} if fields else {}))
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def error_response(status_code: int, code: str, message: str) -> JsonResponse:
    """The one error shape, outside DRF (Django's own 400, 404 and 500 under /api/)."""
    return JsonResponse(error_body(status_code, code, message), status=status_code)
