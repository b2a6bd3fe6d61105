"""Which records of cases are parts of another: writing a part changes its whole, and
needs the change permission on the whole too (apps.core.permissions)."""

from apps.cases.models import (
    ChildGroup,
    ChildGroupLink,
    Citation,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
)
from apps.core.permissions import part_of

part_of(ChildGroup, Incident)
part_of(Citation, Incident)
part_of(IncidentOfficial, Incident)
part_of(IncidentOrganization, Incident)
# A link says these children are already counted in another group: it belongs to the
# group it is written on (the other group is only read: it must be visible).
part_of(ChildGroupLink, ChildGroup)
