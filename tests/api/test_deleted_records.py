"""A deleted incident (apps.core.softdelete) leaves every read of the API, for staff
and partners alike: lists, details, filters, statistics, totals and the export; it stays
in the database and its history."""

import json

import pytest

from apps.cases.models import ChildGroup, Incident
from apps.core.softdelete import record_soft_delete
from tests.factories import ReviewerFactory

pytestmark = pytest.mark.django_db

REASON = "Entered twice: the same event as incident 12."


def test_a_deleted_incident_leaves_the_api_statistics_totals_and_export(
    demo, staff_api, partner_api
):
    reviewer = ReviewerFactory()
    incident = (
        Incident.objects.filter(is_published=True, child_groups__count__gt=0)
        .exclude(child_groups__links__isnull=False)
        .exclude(child_groups__linked_from__isnull=False)
        .exclude(child_groups__is_aggregate_claim=True)
        .distinct()
        .first()
    )
    group_ids = list(incident.child_groups.values_list("pk", flat=True))
    citation_ids = list(incident.citations.values_list("pk", flat=True))
    stats_url = "/api/v1/statistics/children/"
    before = {
        name: api.get(stats_url).json()["total"]["count"]
        for name, api in (("staff", staff_api), ("partner", partner_api))
    }
    record_soft_delete(incident, user=reviewer, reason=REASON)
    removed = sum(ChildGroup.all_objects.get(pk=pk).count_min for pk in group_ids)
    assert removed > 0
    for name, api in (("staff", staff_api), ("partner", partner_api)):
        ids = [
            row["id"] for row in api.get("/api/v1/incidents/", {"page_size": 500}).json()["results"]
        ]
        assert incident.pk not in ids
        assert api.get(f"/api/v1/incidents/{incident.pk}/").status_code == 404
        for pk in group_ids:
            assert api.get(f"/api/v1/child-groups/{pk}/").status_code == 404
        for pk in citation_ids:
            assert api.get(f"/api/v1/citations/{pk}/").status_code == 404
        total = api.get(stats_url).json()["total"]["count"]
        assert total == before[name] - removed
        exported = api.get("/api/v1/export/incidents.ndjson")
        lines = b"".join(exported.streaming_content).decode().splitlines()
        assert incident.pk not in {json.loads(line)["id"] for line in lines if line}
        filtered = api.get("/api/v1/child-groups/", {"incident": incident.pk}).json()
        assert filtered["results"] == []
    # Still in the database and its history.
    assert Incident.all_objects.filter(pk=incident.pk).exists()
    assert Incident.history.filter(id=incident.pk, deleted_at__isnull=False).exists()


def test_filters_along_groups_and_citations_do_not_match_through_deleted_rows(staff_api):
    from tests.factories import ChildGroupFactory, CitationFactory, IncidentFactory, RegionFactory

    reviewer = ReviewerFactory()
    incident = IncidentFactory()
    ChildGroupFactory(incident=incident, placement="foster")
    adoption = ChildGroupFactory(incident=incident, placement="adoption", count=900)
    place, camp = RegionFactory(), RegionFactory()
    adoption.origin_regions.add(place)
    adoption.destination_regions.add(camp)
    few = ChildGroupFactory(incident=incident, placement="camp", count=3)
    citation = CitationFactory(
        incident=incident, source__kind="court_record", source__language="uk"
    )
    CitationFactory(incident=incident, source__kind="telegram", source__language="ru")
    queries = [
        {"placement": "adoption"},
        {"count_min": "500"},
        {"count_max": "5"},
        {"origin": str(place.pk)},
        {"destination": str(camp.pk)},
        {"source_kind": "court_record"},
        {"source_language": "uk"},
    ]

    def found(params) -> list[int]:
        response = staff_api.get("/api/v1/incidents/", params)
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    for params in queries:
        assert found(params) == [incident.pk], params
    record_soft_delete(adoption, user=reviewer, reason=REASON)
    record_soft_delete(few, user=reviewer, reason=REASON)
    record_soft_delete(citation, user=reviewer, reason=REASON)
    for params in queries:
        assert found(params) == [], params
    assert found({"placement": "foster"}) == [incident.pk]


def test_a_deleted_group_leaves_statistics_claims_and_admin_totals(staff_api, client):
    from django.urls import reverse

    from tests.factories import ChildGroupFactory, IncidentFactory

    reviewer = ReviewerFactory()
    incident = IncidentFactory()
    ChildGroupFactory(incident=incident, count=10, placement="foster")
    adoption = ChildGroupFactory(incident=incident, count=900, placement="adoption")
    claim = ChildGroupFactory(incident=incident, count=654_321, is_aggregate_claim=True)
    url = "/api/v1/statistics/children/"

    def statistics() -> tuple[int, set[str], list[int]]:
        body = staff_api.get(url, {"by": "placement"}).json()
        keys = {bucket["key"] for bucket in body["buckets"]}
        return body["total"]["count"], keys, [c["group"] for c in body["claims"]]

    client.force_login(reviewer)
    group_list = reverse("admin:cases_childgroup_changelist")
    incident_page = reverse("admin:cases_incident_change", args=[incident.pk])
    assert statistics() == (910, {"foster", "adoption"}, [claim.pk])
    assert str(client.get(group_list).context["children_total"]) == "910"
    assert "654,321" in client.get(incident_page).content.decode()

    record_soft_delete(adoption, user=reviewer, reason=REASON)
    record_soft_delete(claim, user=reviewer, reason=REASON)

    assert statistics() == (10, {"foster"}, [])
    groups = client.get(group_list)
    assert str(groups.context["children_total"]) == "10"
    assert groups.context["claims"] == []
    assert "654,321" not in client.get(incident_page).content.decode()


def test_a_partner_sync_sees_a_group_deleted_and_restored_and_a_citation_deleted(
    partner_api, client
):
    """A partner syncing with `updated_since` reads the published incident again when a
    reviewer deletes one of its groups (its own page in the admin), restores it, or
    deletes a citation: the incident's `updated_at` moves with each, and its history
    names the reviewer."""
    from django.urls import reverse
    from django.utils import timezone

    from tests.factories import ChildGroupFactory, CitationFactory, IncidentFactory

    reviewer = ReviewerFactory()
    incident = IncidentFactory(is_published=True)
    kept = ChildGroupFactory(incident=incident, count=10)
    gone = ChildGroupFactory(incident=incident, count=20)
    cited, miscited = CitationFactory(incident=incident), CitationFactory(incident=incident)
    client.force_login(reviewer)

    def sync(since) -> dict[int, dict]:
        response = partner_api.get("/api/v1/incidents/", {"updated_since": since.isoformat()})
        assert response.status_code == 200, response.content
        return {item["id"]: item for item in response.json()["results"]}

    def last_entry():
        return Incident.history.filter(id=incident.pk).latest("history_date")

    synced_at = timezone.now()
    assert sync(synced_at) == {}  # nothing changed since

    url = reverse("admin:cases_childgroup_delete", args=[gone.pk])
    assert client.post(url, {"post": "yes", "reason": REASON}).status_code == 302
    changed = sync(synced_at)
    assert [group["id"] for group in changed[incident.pk]["child_groups"]] == [kept.pk]
    entry = last_entry()
    assert entry.history_user == reviewer
    assert entry.history_change_reason.startswith("Deleted its group")

    synced_at = timezone.now()
    record_soft_delete(miscited, user=reviewer, reason=REASON)
    changed = sync(synced_at)
    assert [c["id"] for c in changed[incident.pk]["citations"]] == [cited.pk]
    assert last_entry().history_change_reason.startswith("Deleted its citation")

    synced_at = timezone.now()
    url = reverse("admin:cases_childgroup_restore", args=[gone.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    changed = sync(synced_at)
    assert {group["id"] for group in changed[incident.pk]["child_groups"]} == {kept.pk, gone.pk}
    entry = last_entry()
    assert (entry.history_user, entry.history_change_reason) == (
        reviewer,
        f"Restored its group “{ChildGroup.objects.get(pk=gone.pk)}”",
    )


def test_parts_deleted_with_their_incident_leave_one_history_entry_on_it(user):
    from tests.factories import ChildGroupFactory, CitationFactory, IncidentFactory

    reviewer = ReviewerFactory()
    incident = IncidentFactory()
    ChildGroupFactory(incident=incident)
    CitationFactory(incident=incident)
    before = Incident.history.filter(id=incident.pk).count()
    record_soft_delete(incident, user=reviewer, reason=REASON)
    assert Incident.history.filter(id=incident.pk).count() == before + 1
