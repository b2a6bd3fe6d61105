"""System checks: the incident document compiles (`manage.py check`, and every start)."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def incident_document_builds_in_bulk(app_configs, **kwargs) -> list[Error]:
    """The bulk plan of IncidentSerializer compiles: a field it cannot build exactly is
    reported here, not on the first request."""
    from apps.cases.api.serializers import INCIDENT_DOCUMENTS

    try:
        INCIDENT_DOCUMENTS.plan  # noqa: B018 (compiling is the check)
    except ImproperlyConfigured as exc:
        return [
            Error(str(exc), obj="apps.cases.api.serializers.IncidentSerializer", id="cases.E001")
        ]
    return []
