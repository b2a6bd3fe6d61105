"""Captures are seen by whoever may see their source."""

from apps.archiving.models import Capture
from apps.core.visibility import Viewer, public_rule, visible
from apps.sources.models import Source


@public_rule(Capture)
def captures_of_visible_sources(captures):
    sources = visible(Source.objects.all(), viewer=Viewer.public())
    return captures.filter(source__in=sources.values("pk"))
