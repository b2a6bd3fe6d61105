"""Places are reference data: every reader sees them."""

from apps.core.visibility import everyone, public_rule
from apps.regions.models import Region

public_rule(Region)(everyone)
