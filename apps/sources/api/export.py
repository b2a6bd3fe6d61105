"""Streamed export of the filtered incidents as NDJSON or CSV, for the whole database.

Rows are read in keyset chunks (by primary key) with their relations prefetched per
chunk, and written as they are produced: memory stays flat whatever the size.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.views import APIView

from apps.core.api.permissions import ReadForAllWriteForStaff
from apps.sources.api.views import incidents_matching
from apps.sources.documents import IncidentDocuments

CHUNK = 1000

CSV_COLUMNS = [
    "id",
    "title",
    "incident_type",
    "occurred_start",
    "occurred_end",
    "occurred_precision",
    "occurred_as_stated",
    "reported_on",
    "origin",
    "destination",
    "from_occupied_territory",
    "child_groups",
    "officials",
    "organizations",
    "sources",
    "verification_status",
    "is_published",
    "published_at",
    "updated_at",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _documents(queryset) -> Iterator[dict]:
    """Keyset pagination over `queryset` by primary key: each chunk is one bounded query
    for the ids plus a fixed number of queries for what the documents embed."""
    documents = IncidentDocuments()
    last_pk = 0
    ids_query = queryset.order_by("pk").values_list("pk", flat=True)
    while True:
        ids = list(ids_query.filter(pk__gt=last_pk)[:CHUNK])
        if not ids:
            return
        yield from documents.build(ids)
        last_pk = ids[-1]


def _csv_row(item: dict) -> list:
    def places(key):
        return "; ".join(p["iso_code"] or p["name_en"] for p in item[key])

    return [
        item["id"],
        item["title"],
        item["incident_type"],
        item["occurred_start"],
        item["occurred_end"],
        item["occurred_precision"],
        item["occurred_as_stated"],
        item["reported_on"],
        places("origin_regions_detail"),
        places("destination_regions_detail"),
        item["from_occupied_territory"],
        "; ".join(
            f"{g['count_display']} {g['description']}".strip()
            + (f" [{g['relation_to_parent']} #{g['parent_group']}]" if g["parent_group"] else "")
            for g in item["child_groups"]
        ),
        "; ".join(f"{o['name']} ({o['role']})" for o in item["officials_involved"]),
        "; ".join(f"{o['name']} ({o['role']})" for o in item["organizations_involved"]),
        "; ".join(
            c["source_detail"]["url"] or c["source_detail"]["title"] for c in item["citations"]
        ),
        item["verification_status"],
        item["is_published"],
        item["published_at"],
        item["updated_at"],
    ]


class IncidentExportView(APIView):
    """All incidents matching the filters, streamed: NDJSON (one incident per line, the
    same shape as the incident endpoint) or CSV (one row per incident). Takes every
    incident filter; partners export published incidents only."""

    permission_classes = [ReadForAllWriteForStaff]
    formats = {"ndjson": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}

    @extend_schema(
        filters=True,
        parameters=[
            OpenApiParameter(
                "fmt",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=["ndjson", "csv"],
                description="ndjson: one incident per line, as the incident endpoint "
                "shows it; csv: one row per incident.",
            )
        ],
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
        },
    )
    def get(self, request, fmt: str):
        matching, error = incidents_matching(request)
        if error is not None:
            return error
        # `matching` holds only what this viewer may see; the documents are built for
        # exactly those ids.
        rows = _documents(matching)
        if fmt == "ndjson":
            body = (json.dumps(item, ensure_ascii=False) + "\n" for item in rows)
        else:
            body = _csv_stream(csv.writer(_Echo()), rows)
        response = StreamingHttpResponse(body, content_type=self.formats[fmt])
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        response["Content-Disposition"] = f'attachment; filename="incidents-{stamp}.{fmt}"'
        return response


def _csv_stream(writer, items) -> Iterator[str]:
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(CSV_COLUMNS)
    for item in items:
        yield writer.writerow(_csv_row(item))
