"""Writes to incidents and the groups of children in them."""

from __future__ import annotations

from django.db import transaction

from apps.cases.models import ChildGroup, Incident
from apps.core.services import record_save


@transaction.atomic
def incident_save(*, incident: Incident, user) -> Incident:
    """Save an incident; publishing stamps the time it became visible to partners."""
    incident.set_published(incident.is_published)
    return record_save(incident, user=user)


@transaction.atomic
def child_group_save(*, group: ChildGroup, user) -> ChildGroup:
    return record_save(group, user=user)
