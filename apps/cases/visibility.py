"""What a viewer who sees published records only may see of cases, and of the sources
they cite: only cases knows which sources a published incident cites."""

from django.db.models import Exists, OuterRef, Q

from apps.cases.models import ChildGroup, ChildGroupLink, Citation, Incident
from apps.core.visibility import public_rule
from apps.sources.models import Source


@public_rule(Incident)
def published_incidents(incidents):
    return incidents.filter(is_published=True)


@public_rule(ChildGroup, Citation)
def parts_of_published_incidents(queryset):
    return queryset.filter(incident__is_published=True)


@public_rule(Source)
def sources_cited_by_published_incidents(sources):
    """Sources a published incident cites, directly or as the report of a footnote."""
    published = Citation.objects.filter(incident__is_published=True)
    return sources.filter(
        Exists(published.filter(Q(source=OuterRef("pk")) | Q(cited_in=OuterRef("pk"))))
    )


@public_rule(ChildGroupLink)
def links_between_published_groups(links):
    """A link is public when both its groups are: a published group never names (or
    counts through) a group of an incident partners cannot read."""
    return links.filter(group__incident__is_published=True, counted_in__incident__is_published=True)
