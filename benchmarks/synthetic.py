"""A synthetic case database of a given size, for benchmarks only.

Deterministic (fixed seed), written with bulk_create in large batches inside one
transaction: all or nothing. It bypasses the services on purpose (no history rows, no
per-row validation) because it builds a throw-away database for measuring reads; the
values still satisfy every database constraint, and the derived count bounds are set
with the model's own `count_bounds`.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from apps.actors.models import Official, Organization, OrganizationKind
from apps.cases.models import (
    ChildGroup,
    ChildGroupLink,
    Citation,
    CountQualifier,
    DatePrecision,
    GroupRelation,
    Incident,
    IncidentOfficial,
    IncidentOrganization,
    IncidentType,
    OfficialRole,
    OrganizationRole,
    Placement,
    VerificationStatus,
)
from apps.cases.models.groups import count_bounds
from apps.regions.models import Region, RegionKind
from apps.sources.models import Language, Source, SourceKind

BATCH = 5000

PLACES_EN = ["Mariupol", "Kherson", "Donetsk", "Luhansk", "Melitopol", "Berdiansk", "Yasynuvata"]
WORDS_EN = [
    "children",
    "transferred",
    "camp",
    "orphanage",
    "rehabilitation",
    "patriotic",
    "education",
    "adoption",
    "foster",
    "guardianship",
    "evacuation",
    "sanatorium",
    "summer",
    "cadets",
    "military",
    "training",
    "passport",
    "citizenship",
    "deported",
    "group",
    "boarding",
    "school",
    "hospital",
    "relatives",
    "returned",
]
WORDS_RU = [
    "дети",
    "вывезены",
    "лагерь",
    "детский",
    "дом",
    "оздоровление",
    "патриотическое",
    "воспитание",
    "усыновление",
    "опека",
    "эвакуация",
    "санаторий",
    "кадеты",
    "паспорт",
    "гражданство",
]
WORDS_UK = ["діти", "депортовані", "табір", "дитячий", "будинок", "виховання", "опіка", "евакуація"]


@dataclass(frozen=True)
class Size:
    incidents: int = 100_000
    groups: int = 250_000
    sources: int = 150_000
    citations_per_incident: float = 2.0
    officials: int = 600
    organizations: int = 400
    settlements: int = 300


def _sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n))


def _rows(model, objects, **kwargs) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH, **kwargs)


@transaction.atomic
def generate(size: Size, *, seed: int = 20261123, log=print) -> dict[str, int]:
    rng = random.Random(seed)
    now = timezone.now()
    started = time.monotonic()

    def step(label: str) -> None:
        log(f"  {label} ({time.monotonic() - started:.0f} s)")

    first_level = list(Region.objects.filter(depth=1).order_by("pk"))
    if not first_level:
        raise RuntimeError("Load the reference regions first (manage.py load_regions).")
    ukrainian = [r for r in first_level if r.iso_code.startswith("UA")]
    russian = [r for r in first_level if r.iso_code.startswith("RU")]
    settlements = []
    for i in range(size.settlements):
        parent = rng.choice(first_level)
        settlement = Region(
            kind=RegionKind.SETTLEMENT,
            parent=parent,
            country_id=parent.country_id,
            name_en=f"{rng.choice(PLACES_EN)} {i}",
        )
        settlement.save()  # the model derives depth and country; few rows
        settlements.append(settlement)
    ua_places = ukrainian + [s for s in settlements if s.country_id == ukrainian[0].country_id]
    ru_places = russian + [s for s in settlements if s.country_id == russian[0].country_id]
    step(f"{len(settlements)} settlements")

    officials = _rows(
        Official,
        [
            Official(name_en=f"Official {i} {rng.choice(WORDS_EN).title()}", name_ru=f"Лицо {i}")
            for i in range(size.officials)
        ],
    )
    organizations = _rows(
        Organization,
        [
            Organization(
                name_en=f"Organization {i} {_sentence(rng, WORDS_EN, 2)}",
                kind=rng.choice(OrganizationKind.values),
                region=rng.choice(first_level),
            )
            for i in range(size.organizations)
        ],
    )
    step("officials and organizations")

    incidents = []
    for _ in range(size.incidents):
        start = dt.date(2022, 2, 24) + dt.timedelta(days=rng.randrange(0, 1400))
        precision = rng.choice([DatePrecision.DAY, DatePrecision.DAY, DatePrecision.MONTH])
        if precision == DatePrecision.MONTH:
            start = start.replace(day=1)
            end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        else:
            end = start
        published = rng.random() < 0.8
        incidents.append(
            Incident(
                title=f"{_sentence(rng, WORDS_EN, 5)} {rng.choice(PLACES_EN)}",
                incident_type=rng.choice(IncidentType.values),
                summary=" ".join(
                    [
                        _sentence(rng, WORDS_EN, 30),
                        _sentence(rng, WORDS_RU, 10),
                        _sentence(rng, WORDS_UK, 5),
                    ]
                ),
                occurred_start=start,
                occurred_end=end,
                occurred_precision=precision,
                occurred_start_precision=precision,
                occurred_end_precision=precision,
                occurred_as_stated=f"{start:%B %Y}",
                reported_on=end + dt.timedelta(days=rng.randrange(0, 60)),
                reported_precision=DatePrecision.DAY,
                from_occupied_territory=rng.random() < 0.7,
                verification_status=rng.choice(VerificationStatus.values),
                status="published" if published else "draft",
                is_published=published,
                published_at=now if published else None,
            )
        )
    incidents = _rows(Incident, incidents)
    step(f"{len(incidents)} incidents")

    origin = Incident.origin_regions.through
    destination = Incident.destination_regions.through
    _rows(origin, [origin(incident=i, region=rng.choice(ua_places)) for i in incidents])
    _rows(
        destination,
        [
            destination(incident=i, region=region)
            for i in incidents
            for region in rng.sample(ru_places, rng.choice([1, 1, 2]))
        ],
    )
    _rows(
        IncidentOfficial,
        [
            IncidentOfficial(incident=i, official=official, role=rng.choice(OfficialRole.values))
            for i in incidents
            for official in rng.sample(officials, rng.choice([0, 1, 1, 2]))
        ],
    )
    _rows(
        IncidentOrganization,
        [
            IncidentOrganization(
                incident=i, organization=org, role=rng.choice(OrganizationRole.values)
            )
            for i in incidents
            for org in rng.sample(organizations, rng.choice([0, 1, 1]))
        ],
    )
    step("incident places, officials and organizations")

    groups = []
    for n in range(size.groups):
        # Every incident gets one group, the rest are spread at random.
        incident = incidents[n] if n < len(incidents) else rng.choice(incidents)
        qualifier = rng.choice(
            [CountQualifier.EXACT] * 4
            + [CountQualifier.AT_LEAST, CountQualifier.OVER, CountQualifier.APPROXIMATELY]
            + [CountQualifier.BETWEEN, CountQualifier.UNKNOWN]
        )
        count = None if qualifier == CountQualifier.UNKNOWN else rng.randint(1, 400)
        upper = count + rng.randint(1, 50) if qualifier == CountQualifier.BETWEEN else None
        low, high = count_bounds(qualifier, count, upper)
        age_min = rng.choice([None, rng.randint(0, 10)])
        groups.append(
            ChildGroup(
                incident=incident,
                description=_sentence(rng, WORDS_EN, 3),
                count_qualifier=qualifier,
                count=count,
                count_upper=upper,
                count_as_stated=str(count or "several"),
                count_min=low,
                count_max=high,
                age_min=age_min,
                age_max=None if age_min is None else age_min + rng.randint(0, 7),
                placement=rng.choice(Placement.values),
            )
        )
    groups = _rows(ChildGroup, groups)
    # One group in ten repeats or is part of an earlier one (of any incident).
    linked = ChildGroupLink.objects.bulk_create(
        [
            ChildGroupLink(
                group=group,
                counted_in=groups[rng.randrange(0, 1000)],
                relation=rng.choice(GroupRelation.values),
            )
            for group in rng.sample(groups[1000:], len(groups) // 10)
        ],
        batch_size=BATCH,
    )
    group_origin = ChildGroup.origin_regions.through
    group_destination = ChildGroup.destination_regions.through
    with_places = rng.sample(groups, len(groups) // 3)
    _rows(
        group_destination,
        [group_destination(childgroup=g, region=rng.choice(ru_places)) for g in with_places],
    )
    _rows(
        group_origin,
        [group_origin(childgroup=g, region=rng.choice(ua_places)) for g in with_places],
    )
    step(f"{len(groups)} child groups, {len(linked)} linked")

    sources = _rows(
        Source,
        [
            Source(
                url_as_cited=f"https://t.me/channel{i % 900}/{i}",
                url=f"https://t.me/channel{i % 900}/{i}",
                title=_sentence(rng, WORDS_RU, 6),
                publisher=f"channel{i % 900}",
                kind=rng.choice(SourceKind.values),
                language=rng.choice(Language.values),
                published_on=dt.date(2022, 3, 1) + dt.timedelta(days=rng.randrange(0, 1400)),
            )
            for i in range(size.sources)
        ],
    )
    step(f"{len(sources)} sources")
    citations = []
    per_incident = size.citations_per_incident
    for i, incident in enumerate(incidents):
        n = int(per_incident) + (1 if rng.random() < per_incident % 1 else 0)
        # Every source is cited at least once; some are cited by several incidents.
        first = sources[i % len(sources)]
        for source in [first, *rng.sample(sources, max(n - 1, 0))]:
            citations.append(
                Citation(
                    incident=incident, source=source, claim="", passage=_sentence(rng, WORDS_RU, 12)
                )
            )
    for source in sources[len(incidents) :]:
        citations.append(Citation(incident=rng.choice(incidents), source=source))
    _rows(Citation, citations)
    step(f"{len(citations)} citations")
    return {
        "incidents": len(incidents),
        "child_groups": len(groups),
        "sources": len(sources),
        "citations": len(citations),
        "published_incidents": sum(1 for i in incidents if i.is_published),
    }
