"""Officials and organizations are reference data: every reader sees them."""

from apps.actors.models import Official, OfficialPosition, Organization
from apps.core.visibility import everyone, public_rule

public_rule(Official, OfficialPosition, Organization)(everyone)
