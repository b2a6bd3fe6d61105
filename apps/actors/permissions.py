"""An official's names and positions are parts of the official (apps.core.permissions)."""

from apps.actors.models import Official, OfficialName, OfficialPosition
from apps.core.permissions import part_of

part_of(OfficialName, Official)
part_of(OfficialPosition, Official)
