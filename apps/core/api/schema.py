"""The OpenAPI schema says what the API really answers: the errors every operation can
give, in the one error shape (apps.core.api.errors), and the bounds of the numbers a
filter takes. Registered once for all operations (SPECTACULAR_SETTINGS and
CoreConfig.ready), never per view."""

from __future__ import annotations

from drf_spectacular.contrib.django_filters import DjangoFilterExtension

from apps.core.api.errors import MESSAGES
from apps.core.api.filters import (
    MAX_INTEGER,
    ToManyModelMultipleChoiceFilter,
    WholeNumberFilter,
)

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error answers in this shape.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status again."},
                "code": {
                    "type": "string",
                    "description": "A stable word for programs: invalid, not_found, "
                    "not_authenticated, permission_denied, throttled, too_large, ...",
                },
                "message": {"type": "string", "description": "What happened, for a person."},
                "fields": {
                    "type": "object",
                    "additionalProperties": {},
                    "description": "For a 400: what is wrong with each query parameter or "
                    "field of the body, by its name (nested as the body is).",
                },
                "retry_after_seconds": {
                    "type": "integer",
                    "description": "For a 429: when to try again.",
                },
            },
            "required": ["status", "code", "message"],
            "additionalProperties": False,
        }
    },
    "required": ["error"],
    "additionalProperties": False,
}

# status: (component name, description). Every operation can answer each of these; 413
# only where a request body is taken.
ERROR_RESPONSES = {
    "400": (
        "BadRequest",
        "A query parameter or a field of the body does not parse or is not "
        "allowed; `error.fields` names each.",
    ),
    "401": ("NotAuthenticated", MESSAGES[401]),
    "403": (
        "PermissionDenied",
        MESSAGES[403] + " (Partner keys only read; captured files "
        "are for staff; a logged-in session must send its CSRF token with a write.)",
    ),
    "404": ("NotFound", MESSAGES[404] + " (Also for a cursor that is not one this API gave.)"),
    "413": ("TooLarge", "The request body is too large."),
    "429": ("Throttled", MESSAGES[429]),
}
BODY_ONLY = {"413"}


def document_errors(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: each operation lists the errors it can give
    (unless a view documents a status itself), as references to shared responses."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    responses = components.setdefault("responses", {})
    for name, description in ERROR_RESPONSES.values():
        responses[name] = {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, (name, _description) in ERROR_RESPONSES.items():
                if status in BODY_ONLY and "requestBody" not in operation:
                    continue
                operation["responses"].setdefault(
                    status, {"$ref": f"#/components/responses/{name}"}
                )
    return result


class BoundedFilterExtension(DjangoFilterExtension):
    """django-filter parameters with the bounds their filters enforce (an id from 1, a
    count from 0, both at most what a column holds): a client reading the schema knows
    that id=0 is refused before it sends it."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        bounds = _bounds(filter_field)
        if bounds:
            for parameter in parameters:
                schema = parameter["schema"]
                (schema.get("items") if schema.get("type") == "array" else schema).update(bounds)
        return parameters


def _bounds(filter_field) -> dict:
    if isinstance(filter_field, ToManyModelMultipleChoiceFilter):
        return {"minimum": 1, "maximum": MAX_INTEGER}  # ids (apps.core.api.filters.parse_id)
    if isinstance(filter_field, WholeNumberFilter):  # a whole number, not any number
        extra = filter_field.extra
        return {"type": "integer", "minimum": extra["min_value"], "maximum": extra["max_value"]}
    return {}
