"""Writes to the place tree."""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
from django.db import transaction

from apps.core.audit import importing
from apps.core.services import LoadReport, record_ensure, record_save
from apps.regions.models import Region, RegionKind


@transaction.atomic
def region_save(*, region: Region, user) -> Region:
    """Save a place; when it moved in the tree, its descendants follow."""
    moved = False
    if region.pk is not None:
        before = Region.objects.filter(pk=region.pk).values("parent_id").first()
        moved = before is not None and before["parent_id"] != region.parent_id
    record_save(region, user=user)
    if moved:
        _refresh_descendants(region, user=user)
    return region


def _refresh_descendants(region: Region, *, user) -> None:
    for child in Region.objects.filter(parent=region).select_related("parent"):
        record_save(child, user=user)
        _refresh_descendants(child, user=user)


REFERENCE_FILE = Path(__file__).resolve().parent / "data" / "first_level.csv"


class ReferenceDataError(Exception):
    """The reference file disagrees with ISO 3166; nothing was loaded."""


@transaction.atomic
def regions_load_reference(*, user, path: Path = REFERENCE_FILE) -> LoadReport:
    """Load the countries and every Ukrainian and Russian first-level region.

    Idempotent: rows already as in the file are left untouched. Names are reference
    data, so a corrected spelling in the file updates the row (and its history).
    """
    with importing("import reference places"):
        return _regions_load(path, user=user)


def _regions_load(path: Path, *, user) -> LoadReport:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    _check_against_iso(rows)
    report = LoadReport()
    by_code: dict[str, Region] = {}
    for row in sorted(rows, key=lambda r: r["kind"] != RegionKind.COUNTRY):
        parent = by_code.get(row["parent_iso"]) if row["parent_iso"] else None
        region = record_ensure(
            Region,
            lookup={"iso_code": row["iso_code"]},
            values={
                "kind": row["kind"],
                "parent": parent,
                "name_en": row["name_en"],
                "name_uk": row["name_uk"],
                "name_ru": row["name_ru"],
            },
            user=user,
            update_existing=True,
            report=report,
        )
        by_code[row["iso_code"]] = region
    return report


def _check_against_iso(rows: list[dict[str, str]]) -> None:
    known_countries = {c.alpha_2 for c in pycountry.countries}
    problems = []
    for row in rows:
        code = row["iso_code"]
        if row["kind"] == RegionKind.COUNTRY:
            if code not in known_countries:
                problems.append(f"{code} is not an ISO 3166-1 country code")
        elif pycountry.subdivisions.get(code=code) is None:
            problems.append(f"{code} ({row['name_en']}) is not an ISO 3166-2 code")
        elif not code.startswith(f"{row['parent_iso']}-"):
            problems.append(f"{code} is filed under {row['parent_iso']}")
    if problems:
        raise ReferenceDataError("; ".join(problems))
