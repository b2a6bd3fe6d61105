"""What goes into an evidence package, and how its files are laid out.

A package is a zip that a lawyer or a court can check without ChildTrace:

    README.txt                  how to read and verify it
    manifest.json               every other file with its SHA-256 and size; who built
                                the package, when, where; the incidents it holds
    SHA256SUMS                  `sha256sum -c` format: every file, manifest.json included
    manifest.json.tsr           (when a timestamp authority is configured) its RFC 3161
                                timestamp of manifest.json
    records/incidents.json      each incident as the staff API's document
    records/linked-child-groups.json   groups of other incidents that a group links to
    records/sources.json        the cited sources (and what they are copies of)
    records/officials.json, records/organizations.json, records/places.json
    records/captures.json       every capture of those sources, with its recorded hashes
    captures/<id>/<name>.warc.gz    the WARC file, byte for byte as stored
    captures/<id>/text.txt      the text extracted from it
    history/<model>.json        every history row of every included record

The documents are the API's own (its serializers), never a second format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, Q, QuerySet
from rest_framework import serializers

from apps.actors.api.serializers import OfficialSerializer, OrganizationSerializer
from apps.actors.models import Official, OfficialName, OfficialPosition, Organization
from apps.archiving.api.serializers import CaptureSerializer
from apps.archiving.models import Capture, CaptureJob
from apps.cases.api.serializers import INCIDENT_DOCUMENTS, ChildGroupSerializer
from apps.cases.models import (
    ChildGroup,
    ChildGroupLink,
    Citation,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
)
from apps.cases.selectors import child_group_detail_list
from apps.core.visibility import Viewer, visible
from apps.evidence.history import history_manager
from apps.regions.api.serializers import RegionSerializer
from apps.regions.models import Region
from apps.sources.api.serializers import SourceSerializer
from apps.sources.models import Source


class PackagedCaptureSerializer(CaptureSerializer):
    """The API's capture document without its download links (the files are in the
    zip), and when it was deleted: a capture that holds a cited capture's payload is in
    the package even if its own source was deleted since (null when it was not)."""

    deleted_at = serializers.DateTimeField(
        read_only=True,
        help_text="When the capture was deleted (with its source); null when it was not.",
    )

    class Meta(CaptureSerializer.Meta):
        fields = (
            *(
                name
                for name in CaptureSerializer.Meta.fields
                if name not in ("warc_download", "page_download")
            ),
            "deleted_at",
        )
        read_only_fields = fields

    def get_payload_stored_in(self, obj) -> int | None:
        # A package is for those who may hold captured files: the holder is in it too.
        return obj.payload_stored_in_id


def to_json(value: Any) -> bytes:
    return (json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n").encode()


@dataclass
class Contents:
    """The records a package holds, by model: ids, gathered from the incidents."""

    incidents: list[int]
    groups: set[int] = field(default_factory=set)
    linked_groups: set[int] = field(default_factory=set)
    citations: set[int] = field(default_factory=set)
    sources: set[int] = field(default_factory=set)
    officials: set[int] = field(default_factory=set)
    organizations: set[int] = field(default_factory=set)
    places: set[int] = field(default_factory=set)
    captures: set[int] = field(default_factory=set)


def _ids(queryset: QuerySet, *columns: str) -> set[int]:
    found: set[int] = set()
    for column in columns:
        found |= {pk for pk in queryset.values_list(column, flat=True) if pk is not None}
    return found


def _closure(
    model: type[Model], ids: set[int], column: str, *, rows: QuerySet | None = None
) -> set[int]:
    """`ids` and every record they lead to through `column` (a parent, a copy of ...),
    read from `rows` (the live rows of `model` by default)."""
    rows = model.objects.all() if rows is None else rows
    found, frontier = set(ids), set(ids)
    while frontier:
        frontier = _ids(rows.filter(pk__in=frontier), column) - found
        found |= frontier
    return found


def gather(incident_ids: Iterable[int], *, viewer: Viewer) -> Contents:
    """Everything the incidents contain, cite or name, as the viewer may see it."""
    incidents = visible(Incident.objects.filter(pk__in=list(incident_ids)), viewer=viewer)
    contents = Contents(incidents=sorted(incidents.values_list("pk", flat=True)))
    ids = contents.incidents
    groups = ChildGroup.objects.filter(incident_id__in=ids)
    contents.groups = _ids(groups, "pk")
    linked = ChildGroupLink.objects.filter(group_id__in=contents.groups)
    contents.linked_groups = (
        _ids(
            visible(ChildGroup.objects.filter(pk__in=_ids(linked, "counted_in_id")), viewer=viewer),
            "pk",
        )
        - contents.groups
    )
    citations = Citation.objects.filter(incident_id__in=ids)
    contents.citations = _ids(citations, "pk")
    contents.sources = _closure(Source, _ids(citations, "source_id", "cited_in_id"), "copy_of_id")
    sources = Source.objects.filter(pk__in=contents.sources)
    contents.officials = _ids(
        IncidentOfficial.objects.filter(incident_id__in=ids), "official_id"
    ) | _ids(sources, "speaker_id")
    positions = OfficialPosition.objects.filter(official_id__in=contents.officials)
    all_groups = ChildGroup.objects.filter(pk__in=contents.groups | contents.linked_groups)
    contents.organizations = _closure(
        Organization,
        _ids(IncidentOrganization.objects.filter(incident_id__in=ids), "organization_id")
        | _ids(all_groups, "facility_id")
        | _ids(positions, "organization_id"),
        "parent_id",
    )
    incidents_m2m = Incident.objects.filter(pk__in=ids)
    contents.places = _closure(
        Region,
        _ids(incidents_m2m, "origin_regions", "destination_regions")
        | _ids(all_groups, "origin_regions", "destination_regions")
        | _ids(Organization.objects.filter(pk__in=contents.organizations), "region_id")
        | _ids(positions, "region_id"),
        "parent_id",
    )
    captures = visible(Capture.objects.filter(source_id__in=contents.sources), viewer=viewer)
    # A deduplicated capture's payload is in an earlier capture's WARC: that one too,
    # also when it was deleted since with its own source. Without it the package could
    # not be verified; a deleted record is still evidence (captures.json says when it
    # was deleted).
    contents.captures = _closure(
        Capture, _ids(captures, "pk"), "payload_stored_in_id", rows=Capture.all_objects.all()
    )
    return contents


def record_documents(contents: Contents, *, viewer: Viewer) -> dict[str, list[dict]]:
    """The records as the API documents them for `viewer`, by file name under records/."""
    # The serializers decide by the viewer which referenced ids a document shows.
    context = {"viewer": viewer}
    return {
        "incidents.json": INCIDENT_DOCUMENTS.build(contents.incidents),
        "linked-child-groups.json": ChildGroupSerializer(
            child_group_detail_list().filter(pk__in=contents.linked_groups).order_by("pk"),
            many=True,
            context=context,
        ).data,
        "sources.json": SourceSerializer(
            Source.objects.filter(pk__in=contents.sources).select_related("speaker").order_by("pk"),
            many=True,
            context=context,
        ).data,
        "officials.json": OfficialSerializer(
            Official.objects.filter(pk__in=contents.officials)
            .prefetch_related("names", "positions__organization")
            .order_by("pk"),
            many=True,
            context=context,
        ).data,
        "organizations.json": OrganizationSerializer(
            Organization.objects.filter(pk__in=contents.organizations)
            .select_related("region")
            .order_by("pk"),
            many=True,
            context=context,
        ).data,
        "places.json": RegionSerializer(
            Region.objects.filter(pk__in=contents.places).order_by("pk"),
            many=True,
            context=context,
        ).data,
    }


def captures_of(contents: Contents) -> list[Capture]:
    """The gathered captures, deleted holders of a cited capture's payload included."""
    return list(Capture.all_objects.filter(pk__in=contents.captures).order_by("pk"))


def capture_documents(captures: list[Capture]) -> list[dict]:
    return PackagedCaptureSerializer(captures, many=True).data


# History: every row of every included record, also of rows deleted since (a citation
# removed from an incident stays in its incident's history).
def history_scopes(contents: Contents) -> list[tuple[type[Model], Q]]:
    incidents = contents.incidents
    group_ids = contents.groups | contents.linked_groups
    group_history = history_manager(ChildGroup)
    if group_history is not None:  # groups deleted since: their links' history too
        group_ids |= set(
            group_history.filter(incident_id__in=incidents).values_list("id", flat=True)
        )
    job_ids = set(
        Capture.all_objects.filter(pk__in=contents.captures).values_list("job_id", flat=True)
    )
    return [
        (Incident, Q(id__in=incidents)),
        (ChildGroup, Q(incident_id__in=incidents) | Q(id__in=contents.linked_groups)),
        (ChildGroupLink, Q(group_id__in=group_ids)),
        (Citation, Q(incident_id__in=incidents)),
        (IncidentOfficial, Q(incident_id__in=incidents)),
        (IncidentOrganization, Q(incident_id__in=incidents)),
        (Source, Q(id__in=contents.sources)),
        (Official, Q(id__in=contents.officials)),
        (OfficialName, Q(official_id__in=contents.officials)),
        (OfficialPosition, Q(official_id__in=contents.officials)),
        (Organization, Q(id__in=contents.organizations)),
        (Region, Q(id__in=contents.places)),
        # Captures and jobs, once they keep history.
        (Capture, Q(id__in=contents.captures)),
        (CaptureJob, Q(id__in=job_ids)),
    ]
