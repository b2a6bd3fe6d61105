"""Loads the demo dataset built from the two seed reports.

Idempotent and non-destructive: a record that exists (by its import key, normalized URL
or name) is left exactly as people may have edited it; only what is missing is created.
Everything is written in one transaction, as the system user.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from apps.actors.models import Official, OfficialName, OfficialPosition, Organization
from apps.archiving.models import JobKind
from apps.archiving.services import capture_on_save_paused, capture_request_many
from apps.cases.models import (
    ChildGroup,
    ChildGroupLink,
    Citation,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
    PassageKind,
    PublicationStatus,
)
from apps.cases.services import incident_load
from apps.core.audit import importing
from apps.core.services import LoadReport, m2m_ensure, record_ensure
from apps.demo.captures import demo_captures_make
from apps.demo.data_actors import OFFICIALS, ORGANIZATIONS, PLACES
from apps.demo.data_incidents import INCIDENTS, R1
from apps.demo.data_sources import REPORTS, URLS
from apps.regions.models import Region
from apps.sources.models import Source
from apps.sources.url_normalization import normalize_url

REPORT_KEYS = {row["key"] for row in REPORTS}


class DemoDataError(Exception):
    """The demo data needs something that is not loaded (run load_regions first)."""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _published(value: str | None) -> dict:
    """Every demo source is dated to the day, or not at all."""
    day = _date(value)
    return {"published_on": day, "published_precision": "day" if day else "unknown"}


class _Loader:
    def __init__(self, user) -> None:
        self.user = user
        self.report = LoadReport()
        self.places: dict[str, Region] = {}
        self.officials: dict[str, Official] = {}
        self.organizations: dict[str, Organization] = {}
        self.sources: dict[str, Source] = {}
        self.groups: dict[str, ChildGroup] = {}

    def ensure(self, model, *, lookup: dict[str, Any], values: dict[str, Any]):
        return record_ensure(
            model,
            lookup=lookup,
            values=values,
            user=self.user,
            update_existing=False,
            report=self.report,
        )

    def place(self, key: str) -> Region:
        if key not in self.places:
            region = Region.objects.filter(iso_code=key).first()
            if region is None:
                raise DemoDataError(f"Region {key} is missing: run `manage.py load_regions`.")
            self.places[key] = region
        return self.places[key]

    def load(self) -> LoadReport:
        for row in PLACES:
            parent = self.place(row["parent"])
            self.places[row["key"]] = self.ensure(
                Region,
                lookup={"parent": parent, "name_en": row["name_en"]},
                values={"kind": row["kind"], "name_uk": row["name_uk"], "name_ru": row["name_ru"]},
            )
        for row in ORGANIZATIONS:
            self.organizations[row["key"]] = self.ensure(
                Organization,
                lookup={"name_en": row["name_en"]},
                values={
                    "kind": row["kind"],
                    "acronym": row.get("acronym", ""),
                    "name_ru": row.get("name_ru", ""),
                    "name_uk": row.get("name_uk", ""),
                    "region": self.place(row["region"]) if row.get("region") else None,
                    "parent": self.organizations[row["parent"]] if row.get("parent") else None,
                    "notes": row.get("notes", ""),
                },
            )
        for row in OFFICIALS:
            self._official(row)
        for row in REPORTS:
            self.sources[row["key"]] = self.ensure(
                Source,
                lookup={"import_key": row["key"]},
                values={
                    "title": row["title"],
                    "publisher": row["publisher"],
                    "author": row.get("author", ""),
                    "kind": row["kind"],
                    "language": row["language"],
                    **_published(row.get("published_on")),
                    "speaker_kind": row["speaker_kind"],
                    "availability": row.get("availability", "unknown"),
                    "availability_note": row.get("availability_note", ""),
                    "notes": row.get("notes", ""),
                },
            )
        for _footnote, cited, kind, language, publisher, published, speaker_kind, speaker in URLS:
            self.sources[cited] = self.ensure(
                Source,
                lookup={"url": normalize_url(cited)},
                values={
                    "url_as_cited": cited,
                    "kind": kind,
                    "language": language,
                    "publisher": publisher,
                    **_published(published),
                    "speaker_kind": speaker_kind,
                    "speaker": self.officials[speaker] if speaker else None,
                },
            )
        screenshot = self.sources[
            "https://understandingwar.org/research/russia-ukraine/putin-is-still-stealing-"
            "ukrainian-children-2/"
        ]
        if screenshot.copy_of_id is None:
            record_ensure(
                Source,
                lookup={"pk": screenshot.pk},
                values={"copy_of": self.sources["krasnodar-post-2022-08-23"]},
                user=self.user,
                update_existing=True,
                report=self.report,
            )
        for row in INCIDENTS:
            self._incident(row)
        return self.report

    def _official(self, row: dict) -> None:
        official = self.ensure(
            Official,
            lookup={"name_en": row["name_en"]},
            values={
                "name_ru": row["name_ru"],
                "name_uk": row["name_uk"],
                "affiliation": row["affiliation"],
                "wikidata_id": row.get("wikidata_id", ""),
                "notes": row.get("notes", ""),
            },
        )
        self.officials[row["key"]] = official
        for name in row["variants"]:
            script = "cyrillic" if any("а" <= ch.lower() <= "я" for ch in name) else "latin"
            self.ensure(
                OfficialName, lookup={"official": official, "name": name}, values={"script": script}
            )
        for position in row["positions"]:
            org = position.get("organization")
            self.ensure(
                OfficialPosition,
                lookup={"official": official, "title": position["title"]},
                values={
                    "organization": self.organizations[org] if org else None,
                    "region": self.place(position["region"]) if position.get("region") else None,
                },
            )

    def _incident(self, row: dict) -> None:
        # A deleted demo incident stays deleted (its groups and citations with it).
        existing = Incident.all_objects.filter(import_key=row["key"]).first()
        if existing is not None:
            self.report.add(Incident, "unchanged")
            incident = existing
        else:
            incident = Incident(
                import_key=row["key"],
                title=row["title"],
                incident_type=row["type"],
                summary=row["summary"],
                occurred_precision=row["occurred_precision"],
                occurred_start=_date(row.get("occurred_start")),
                occurred_start_precision=row.get("occurred_start_precision", ""),
                occurred_end=_date(row.get("occurred_end")),
                occurred_end_precision=row.get("occurred_end_precision", ""),
                occurred_as_stated=row.get("occurred_as_stated", ""),
                reported_on=_date(row.get("reported_on")),
                reported_precision=row["reported_precision"],
                from_occupied_territory=row.get("occupied"),
                to_occupied_territory=row.get("to_occupied"),
                verification_status=row["verification"],
            )
            incident_load(
                incident=incident,
                user=self.user,
                status=PublicationStatus.PUBLISHED if row["published"] else PublicationStatus.DRAFT,
                note="Loaded by the demo loader.",
            )
            self.report.add(Incident, "created")
            m2m_ensure(incident, "origin_regions", [self.place(k) for k in row.get("origins", [])])
            m2m_ensure(
                incident,
                "destination_regions",
                [self.place(k) for k in row.get("destinations", [])],
            )
        for key, role, note in row.get("officials", []):
            self.ensure(
                IncidentOfficial,
                lookup={"incident": incident, "official": self.officials[key], "role": role},
                values={"note": note},
            )
        for key, role, note in row.get("organizations", []):
            self.ensure(
                IncidentOrganization,
                lookup={
                    "incident": incident,
                    "organization": self.organizations[key],
                    "role": role,
                },
                values={"note": note},
            )
        for group in row.get("groups", []):
            self._group(incident, group)
        for source_ref, footnote, claim, group_key in row.get("citations", []):
            is_report = source_ref in REPORT_KEYS and footnote == ""
            self.ensure(
                Citation,
                lookup={
                    "incident": incident,
                    "source": self.sources[source_ref],
                    "footnote": footnote,
                },
                values={
                    "cited_in": None if is_report else self.sources[R1],
                    "claim": claim,
                    "child_group": self.groups[group_key] if group_key else None,
                    "passage_kind": PassageKind.PARAPHRASE,
                },
            )

    def _group(self, incident: Incident, row: dict) -> None:
        existing = ChildGroup.all_objects.filter(import_key=row["key"]).exists()
        group = self.ensure(
            ChildGroup,
            lookup={"import_key": row["key"]},
            values={
                "incident": incident,
                "description": row.get("description", ""),
                "count_qualifier": row["qualifier"],
                "count": row.get("count"),
                "count_as_stated": row.get("as_stated", ""),
                "includes_adults": row.get("includes_adults", False),
                "is_aggregate_claim": row.get("aggregate", False),
                "claimed_by": row.get("claimed_by", ""),
                "age_min": row.get("age_min"),
                "age_max": row.get("age_max"),
                "ages_as_stated": row.get("ages_as_stated", ""),
                "placement": row.get("placement", "unknown"),
                "facility": self.organizations[row["facility"]] if row.get("facility") else None,
                "accompanied": row.get("accompanied", "unknown"),
                "accompanied_note": row.get("accompanied_note", ""),
                "orphan_status": row.get("orphan_status", "unknown"),
                "with_disabilities": row.get("with_disabilities", "unknown"),
                "siblings": row.get("siblings", "unknown"),
            },
        )
        self.groups[row["key"]] = group
        if not existing:
            m2m_ensure(group, "origin_regions", [self.place(k) for k in row.get("origins", [])])
            m2m_ensure(
                group,
                "destination_regions",
                [self.place(k) for k in row.get("destinations", [])],
            )
            for counted_in, relation in row.get("links", []):
                self.ensure(
                    ChildGroupLink,
                    lookup={"group": group, "counted_in": self.groups[counted_in]},
                    values={"relation": relation},
                )


@transaction.atomic
def demo_sources():
    """The demo's sources: the seed reports and every URL they cite."""
    return Source.objects.filter(
        Q(import_key__in=[row["key"] for row in REPORTS])
        | Q(url__in=[normalize_url(row[1]) for row in URLS])
    )


def demo_load(*, user, archive: bool = False) -> LoadReport:
    """Create whatever part of the demo dataset is missing; change nothing that exists.

    The demo's sources are real URLs of Russian state media and officials' channels:
    they are not fetched unless asked (`archive=True`), so that running the demo does
    not reveal this machine's address to them. Each source with a URL that has no
    capture and none queued gets a capture of a bundled stand-in page instead
    (apps.demo.captures), so that the demo has captures and evidence packages to show.
    """
    with importing("import demo data"), capture_on_save_paused():
        report = _Loader(user).load()
    if archive:
        queued = capture_request_many(
            sources=demo_sources().filter(url__isnull=False).order_by("pk"),
            user=user,
            kind=JobKind.FIRST,
        )
        report.counts["capture jobs"] = {"queued": queued}
    made = demo_captures_make(sources=demo_sources(), user=user)
    if made:
        report.counts["captures (demo stand-ins)"] = {"created": made}
    return report
