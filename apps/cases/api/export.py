"""Streamed export of incident documents as NDJSON or CSV, for the whole database.

Incident ids are read in keyset chunks (by primary key) and each chunk's documents are
built in bulk from the one definition (INCIDENT_DOCUMENTS), then written as they are
produced: memory stays flat whatever the size. A CSV row is the same document flattened.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from apps.cases.api.serializers import INCIDENT_DOCUMENTS
from apps.core.visibility import Viewer

CHUNK = 1000

EXPORT_FORMATS = {"ndjson": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}

CSV_COLUMNS = [
    "id",
    "title",
    "incident_type",
    "occurred",
    "occurred_start",
    "occurred_end",
    "occurred_precision",
    "occurred_start_precision",
    "occurred_end_precision",
    "occurred_as_stated",
    "reported",
    "reported_on",
    "reported_precision",
    "origin",
    "destination",
    "from_occupied_territory",
    "to_occupied_territory",
    "child_groups",
    "officials",
    "organizations",
    "sources",
    "verification_status",
    "status",
    "is_published",
    "published_at",
    "updated_at",
]


def export_stream(incidents, fmt: str, *, viewer: Viewer) -> Iterator[str]:
    """The documents of `incidents` (a queryset the caller has limited to what the
    requester, `viewer`, may see) in `fmt`, one of EXPORT_FORMATS."""
    documents = incident_documents(incidents, viewer=viewer)
    if fmt == "ndjson":
        return (json.dumps(item, ensure_ascii=False) + "\n" for item in documents)
    return _csv_stream(documents)


def incident_documents(incidents, *, viewer: Viewer) -> Iterator[dict]:
    """Keyset pagination over `incidents` by primary key: each chunk is one bounded query
    for the ids plus a fixed number of queries for what the documents embed."""
    last_pk = 0
    ids_query = incidents.order_by("pk").values_list("pk", flat=True)
    while True:
        ids = list(ids_query.filter(pk__gt=last_pk)[:CHUNK])
        if not ids:
            return
        yield from INCIDENT_DOCUMENTS.build(ids, viewer=viewer)
        last_pk = ids[-1]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_stream(documents) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(CSV_COLUMNS)
    for item in documents:
        yield writer.writerow(_csv_row(item))


def _csv_row(item: dict) -> list:
    def places(key):
        return "; ".join(p["iso_code"] or p["name_en"] for p in item[key])

    return [
        item["id"],
        item["title"],
        item["incident_type"],
        item["occurred_display"],
        item["occurred_start"],
        item["occurred_end"],
        item["occurred_precision"],
        item["occurred_start_precision"],
        item["occurred_end_precision"],
        item["occurred_as_stated"],
        item["reported_display"],
        item["reported_on"],
        item["reported_precision"],
        places("origin_regions_detail"),
        places("destination_regions_detail"),
        item["from_occupied_territory"],
        item["to_occupied_territory"],
        "; ".join(
            f"{g['count_display']} {g['description']}".strip()
            + "".join(f" [{link['relation']} #{link['counted_in']}]" for link in g["links"])
            + (f" [claim: {g['claimed_by']}]" if g["is_aggregate_claim"] else "")
            for g in item["child_groups"]
        ),
        "; ".join(f"{o['name']} ({o['role']})" for o in item["officials_involved"]),
        "; ".join(f"{o['name']} ({o['role']})" for o in item["organizations_involved"]),
        "; ".join(
            c["source_detail"]["url"] or c["source_detail"]["title"] for c in item["citations"]
        ),
        item["verification_status"],
        item["status"],
        item["is_published"],
        item["published_at"],
        item["updated_at"],
    ]
