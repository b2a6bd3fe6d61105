"""A partner key never reads the id of a record it cannot read: not in a link, a count,
a copy, a capture, a claim, a filter's answer, a statistic or an export. And totals for
a partner do not follow links into groups it cannot read.

Every hidden record gets an id from HIDDEN_IDS, a range no other number in the answers
takes, so that the whole text of every answer can be searched for them."""

import re

import pytest
from django.core.cache import cache

from apps.cases.models import ChildGroup, ChildGroupLink, Citation, Incident
from apps.sources.models import Source
from tests.api.conftest import walk
from tests.factories import (
    ChildGroupFactory,
    CitationFactory,
    IncidentFactory,
    SourceFactory,
    saved_capture,
)

pytestmark = pytest.mark.django_db

HIDDEN = re.compile(r"(?<![\d.])9876\d\d(?![\d.])")
DIMENSIONS = ("", "destination", "origin", "placement", "year")


@pytest.fixture
def published(demo):
    """A published incident with two figures and two sources, each captured."""
    incident = IncidentFactory(is_published=True, title="Published with hidden neighbours")
    figures = [
        ChildGroupFactory(incident=incident, count=100, description="first figure"),
        ChildGroupFactory(incident=incident, count=80, description="second figure"),
    ]
    sources = [SourceFactory(title="Published source"), SourceFactory(title="Second source")]
    for source, group in zip(sources, figures, strict=True):
        CitationFactory(incident=incident, source=source, child_group=group)
    return {"incident": incident, "figures": figures, "sources": sources}


def hide_records_around(published) -> None:
    """Unpublished records of every kind, each pointing at or pointed at by a published one."""
    hidden = IncidentFactory(pk=987601, title="Sealed incident", is_published=False)
    whole = ChildGroupFactory(pk=987611, incident=hidden, count=100, description="sealed whole")
    ChildGroupFactory(
        pk=987612, incident=hidden, count=5000, is_aggregate_claim=True, description="sealed claim"
    )
    hidden_source = SourceFactory(pk=987631, title="Sealed source")
    Citation.objects.create(pk=987621, incident=hidden, source=hidden_source, child_group=whole)
    original = saved_capture(hidden_source, pk=987641)
    # Both published figures are part of the hidden whole.
    for pk, figure in zip((987661, 987662), published["figures"], strict=True):
        ChildGroupLink.objects.create(pk=pk, group=figure, counted_in=whole, relation="part")
    first, second = published["sources"]
    # A hidden copy of a published source, and a published source that copies a hidden one.
    SourceFactory(pk=987632, title="Sealed copy", copy_of=first)
    Source.objects.filter(pk=second.pk).update(
        copy_of=SourceFactory(pk=987633, title="Sealed original")
    )
    # A published source's capture whose payload is stored in a hidden source's capture
    # (its id given: SQLite would number it after the hidden one's, in HIDDEN's range).
    saved_capture(first, pk=555001, stored_in=original)
    # A hidden group in the hidden incident counted in a published figure.
    ChildGroupFactory(
        pk=987613, incident=hidden, count=7, links=[(published["figures"][0], "part")]
    )


def statistics(client) -> list:
    answers = []
    for by in DIMENSIONS:
        response = client.get("/api/v1/statistics/children/", {"by": by} if by else {})
        assert response.status_code == 200
        answers.append(response.json())
    return answers


def every_answer(client, published) -> list[str]:
    """The text of every answer a partner can get: lists (with filters and search),
    every detail, captures, the removed list, statistics and both exports."""
    bodies = []

    def get(url, params=None):
        cache.clear()  # the walk makes more requests than a key may make in a minute
        response = client.get(url, params or {})
        assert response.status_code == 200, (url, params, response.content[:300])
        bodies.append(response.content.decode())
        return response

    lists = {
        "incidents": [{}, {"search": "Sealed"}, {"updated_since": "2000-01-01T00:00:00Z"}],
        "child-groups": [{}, {"incident": published["incident"].pk}, {"search": "sealed"}],
        "citations": [{}, {"source": 987631}, {"incident": 987601}],
        "sources": [{}, {"copy_of": published["sources"][0].pk}, {"search": "Sealed"}],
        "officials": [{}],
        "organizations": [{}],
    }
    for route, variants in lists.items():
        for params in variants:
            cache.clear()
            items = walk(client, f"/api/v1/{route}/", params)
            bodies.append(repr(items))
            if not params:
                for item in items:
                    get(f"/api/v1/{route}/{item['id']}/")
                    if route == "sources":
                        cache.clear()
                        captures = walk(client, f"/api/v1/sources/{item['id']}/captures/")
                        bodies.append(repr(captures))
                        for found in captures:
                            get(f"/api/v1/sources/{item['id']}/captures/{found['id']}/")
    get("/api/v1/incidents/removed/")
    for by in DIMENSIONS:
        get("/api/v1/statistics/children/", {"by": by} if by else {})
    for fmt in ("ndjson", "csv"):
        response = client.get(f"/api/v1/export/incidents.{fmt}")
        assert response.status_code == 200
        bodies.append(b"".join(response.streaming_content).decode())
    return bodies


def test_no_answer_to_a_partner_holds_an_id_of_a_record_it_cannot_read(
    partner_api, staff_api, published
):
    hide_records_around(published)
    leaks = {
        match for body in every_answer(partner_api, published) for match in HIDDEN.findall(body)
    }
    assert not leaks
    # The search can fail: staff read these ids in the same answers.
    seen_by_staff = {m for body in every_answer(staff_api, published) for m in HIDDEN.findall(body)}
    assert {"987601", "987611", "987612", "987631", "987632", "987633", "987641"} <= seen_by_staff


def test_hidden_records_change_no_total_a_partner_reads(partner_api, published):
    """Adding unpublished groups linked to published ones changes no figure a partner
    reads: two published figures "part of" one hidden figure still count as two."""
    before = statistics(partner_api)
    hide_records_around(published)
    assert statistics(partner_api) == before
    first = before[0]["total"]
    assert first["groups"] >= 2


def test_a_partner_counts_only_links_between_groups_it_reads(staff_api, partner_api, published):
    hide_records_around(published)
    params = {"search": "Published with hidden neighbours"}
    staff = staff_api.get("/api/v1/statistics/children/", params).json()["total"]
    partner = partner_api.get("/api/v1/statistics/children/", params).json()["total"]
    # Staff follow the links: parts of one whole overlap (the larger counts), and the
    # hidden incident is not among the matches for its title.
    assert staff["count"] == 100
    assert partner["count"] == 180
    assert Incident.objects.filter(is_published=False, pk=987601).exists()
    assert ChildGroup.objects.filter(pk=987611).exists()
