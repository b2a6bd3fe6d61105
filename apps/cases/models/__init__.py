from apps.cases.models.citations import Citation, PassageKind
from apps.cases.models.groups import (
    AgeBounds,
    ChildGroup,
    CountQualifier,
    GroupRelation,
    OrphanStatus,
    Placement,
    Share,
    count_bounds,
)
from apps.cases.models.incidents import (
    BoundPrecision,
    DatePrecision,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
    IncidentType,
    OfficialRole,
    OrganizationRole,
    VerificationStatus,
)

__all__ = [
    "AgeBounds",
    "BoundPrecision",
    "ChildGroup",
    "Citation",
    "CountQualifier",
    "DatePrecision",
    "GroupRelation",
    "Incident",
    "IncidentOfficial",
    "IncidentOrganization",
    "IncidentType",
    "OfficialRole",
    "OrganizationRole",
    "OrphanStatus",
    "PassageKind",
    "Placement",
    "Share",
    "VerificationStatus",
    "count_bounds",
]
