"""The review actions over the API, publishing refused as a field, the verification
status for reviewers only, and a partner that learns of a withdrawal at its next sync."""

import pytest
from rest_framework.test import APIClient

from apps.cases.models import Incident
from apps.cases.services import incident_save
from tests.cases.test_publication import ChildGroupFactory, ready_incident, record_save
from tests.factories import IncidentFactory, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Children moved",
    "incident_type": "transfer",
    "summary": "Moved.",
    "occurred_precision": "unknown",
}


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def investigator_api(user):
    return api_as(user)


@pytest.fixture
def reviewer_api():
    return api_as(ReviewerFactory())


def test_sending_is_published_is_a_400_that_names_the_action(investigator_api):
    response = investigator_api.post("/api/v1/incidents/", {**NEW, "is_published": True})
    assert response.status_code == 400
    assert "/publish/" in response.json()["error"]["fields"]["is_published"][0]
    assert not Incident.objects.exists()

    incident = IncidentFactory()
    for field, value in (("is_published", True), ("status", "published")):
        response = investigator_api.patch(f"/api/v1/incidents/{incident.pk}/", {field: value})
        assert response.status_code == 400, field
    assert not Incident.objects.get(pk=incident.pk).is_published


def test_sending_the_stored_publication_fields_back_is_fine(investigator_api):
    incident = IncidentFactory()
    document = investigator_api.get(f"/api/v1/incidents/{incident.pk}/").json()
    response = investigator_api.patch(
        f"/api/v1/incidents/{incident.pk}/",
        {"title": "Renamed", "is_published": document["is_published"], "status": "draft"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "draft"


def test_a_reviewer_may_send_is_published_for_no_one(reviewer_api):
    incident = IncidentFactory()
    response = reviewer_api.patch(f"/api/v1/incidents/{incident.pk}/", {"is_published": True})
    assert response.status_code == 400


def test_verification_status_changes_need_the_verify_permission(investigator_api, reviewer_api):
    incident = IncidentFactory(verification_status="unverified")
    url = f"/api/v1/incidents/{incident.pk}/"
    refused = investigator_api.patch(url, {"verification_status": "verified"})
    assert refused.status_code == 403
    assert "verification status" in refused.json()["error"]["message"]
    assert Incident.objects.get(pk=incident.pk).verification_status == "unverified"
    created = investigator_api.post(
        "/api/v1/incidents/", {**NEW, "verification_status": "verified"}
    )
    assert created.status_code == 403
    # The unchanged value is fine.
    assert investigator_api.patch(url, {"verification_status": "unverified"}).status_code == 200
    assert reviewer_api.patch(url, {"verification_status": "verified"}).status_code == 200
    assert Incident.objects.get(pk=incident.pk).verification_status == "verified"


def test_review_actions(user, investigator_api, reviewer_api):
    incident = ready_incident(user)
    base = f"/api/v1/incidents/{incident.pk}"
    # A draft is not published: it is submitted first.
    draft = reviewer_api.post(f"{base}/publish/")
    assert draft.status_code == 400 and "status" in draft.json()["error"]["fields"]
    response = investigator_api.post(f"{base}/submit/", {"note": "please review"})
    assert response.status_code == 200 and response.json()["status"] == "in_review"
    refused = investigator_api.post(f"{base}/publish/")
    assert refused.status_code == 403
    assert "cases.publish_incident" in refused.json()["error"]["message"]

    published = reviewer_api.post(f"{base}/publish/", {})
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published" and published.json()["is_published"]

    no_reason = reviewer_api.post(f"{base}/withdraw/", {})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["error"]["fields"]
    withdrawn = reviewer_api.post(f"{base}/withdraw/", {"reason": "wrong date"})
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    back = investigator_api.post(f"{base}/return-to-draft/")
    assert back.status_code == 200 and back.json()["status"] == "draft"


def test_failing_checks_are_listed_and_an_override_publishes(user, reviewer_api, investigator_api):
    incident = incident_save(incident=IncidentFactory.build(), user=user)
    record_save(ChildGroupFactory.build(incident=incident, description="uncited"), user=user)
    base = f"/api/v1/incidents/{incident.pk}"
    investigator_api.post(f"{base}/submit/")
    refused = reviewer_api.post(f"{base}/publish/")
    assert refused.status_code == 400
    checks = refused.json()["error"]["fields"]["checks"]
    assert len(checks) == 1 and "has no citation" in checks[0]
    overridden = reviewer_api.post(f"{base}/publish/", {"override_reason": "urgent"})
    assert overridden.status_code == 200 and overridden.json()["is_published"]


def test_four_eyes_over_the_api(reviewer_api):
    reviewer = ReviewerFactory(username="reviewer-editor")
    incident = ready_incident(reviewer)
    client = api_as(reviewer)
    client.post(f"/api/v1/incidents/{incident.pk}/submit/")
    refused = client.post(f"/api/v1/incidents/{incident.pk}/publish/")
    assert refused.status_code == 403 and "Four eyes" in refused.json()["error"]["message"]
    assert reviewer_api.post(f"/api/v1/incidents/{incident.pk}/publish/").status_code == 200


def test_a_partner_learns_of_a_withdrawal_at_its_next_sync(
    user, partner_api, investigator_api, reviewer_api
):
    incident = ready_incident(user)
    base = f"/api/v1/incidents/{incident.pk}"
    investigator_api.post(f"{base}/submit/")
    reviewer_api.post(f"{base}/publish/")

    first = partner_api.get("/api/v1/incidents/", {"updated_since": "2000-01-01T00:00:00Z"})
    assert incident.pk in {item["id"] for item in first.json()["results"]}
    synced_at = Incident.objects.get(pk=incident.pk).updated_at.isoformat()

    assert reviewer_api.post(f"{base}/withdraw/", {"reason": "a name was wrong"}).status_code == 200

    changed = partner_api.get("/api/v1/incidents/", {"updated_since": synced_at})
    assert incident.pk not in {item["id"] for item in changed.json()["results"]}
    removed = partner_api.get("/api/v1/incidents/removed/", {"since": synced_at})
    assert removed.status_code == 200
    (item,) = removed.json()
    assert item["id"] == incident.pk
    assert (item["kind"], item["reason"]) == ("withdrawn", "a name was wrong")
    assert item["removed_at"] >= synced_at[:19]
    # A later sync has nothing new to learn.
    later = partner_api.get("/api/v1/incidents/removed/", {"since": item["removed_at"][:-1] + "9Z"})
    assert later.json() == [] or later.json()[0]["removed_at"] == item["removed_at"]

    # Published again: back in the incident list, gone from the removed list.
    assert reviewer_api.post(f"{base}/publish/").status_code == 200
    again = partner_api.get("/api/v1/incidents/", {"updated_since": synced_at})
    assert incident.pk in {item["id"] for item in again.json()["results"]}
    assert partner_api.get("/api/v1/incidents/removed/", {"since": synced_at}).json() == []


def test_removed_lists_no_incident_a_partner_never_could_read(partner_api, user):
    IncidentFactory()  # a draft: never published, never removed
    assert partner_api.get("/api/v1/incidents/removed/").json() == []
    assert partner_api.get("/api/v1/incidents/removed/", {"since": "nonsense"}).status_code == 400


def test_partners_take_no_review_step(partner_api, user):
    incident = IncidentFactory(is_published=True)
    response = partner_api.post(f"/api/v1/incidents/{incident.pk}/withdraw/", {"reason": "x"})
    assert response.status_code == 403
    assert Incident.objects.get(pk=incident.pk).is_published


def test_a_staff_account_without_permissions_takes_no_step():
    incident = IncidentFactory()
    nobody = api_as(UserFactory(username="bare-staff"))  # staff, no permission
    assert nobody.post(f"/api/v1/incidents/{incident.pk}/submit/").status_code == 403


def test_a_partner_learns_at_its_next_sync_that_a_published_incident_was_deleted(
    partner_api,
):
    from apps.cases.models import Incident
    from apps.core.softdelete import record_soft_delete
    from tests.factories import IncidentFactory, ReviewerFactory

    incident = IncidentFactory(is_published=True)
    before = partner_api.get("/api/v1/incidents/removed/").json()
    assert incident.pk not in [item["id"] for item in before]

    record_soft_delete(incident, user=ReviewerFactory(), reason="entered twice")

    removed = partner_api.get("/api/v1/incidents/removed/").json()
    (item,) = [item for item in removed if item["id"] == incident.pk]
    assert item["kind"] == "deleted"
    assert "entered twice" not in item["reason"]  # the reason is internal
    assert not Incident.objects.filter(pk=incident.pk).exists()
    assert partner_api.get(f"/api/v1/incidents/{incident.pk}/").status_code == 404


def test_partners_read_no_internal_deletion_reason_and_a_restore_does_not_republish(
    partner_api,
):
    from apps.cases.models import PublicationStatus
    from apps.core.softdelete import record_restore, record_soft_delete

    reviewer = ReviewerFactory()
    incident = IncidentFactory(is_published=True)
    record_soft_delete(incident, user=reviewer, reason="INTERNAL: a child's name in the summary")
    (item,) = [
        item
        for item in partner_api.get("/api/v1/incidents/removed/").json()
        if item["id"] == incident.pk
    ]
    assert "INTERNAL" not in item["reason"]

    record_restore(Incident.all_objects.get(pk=incident.pk), user=reviewer)
    incident.refresh_from_db()
    assert (incident.status, incident.is_published) == (PublicationStatus.WITHDRAWN, False)
    assert partner_api.get(f"/api/v1/incidents/{incident.pk}/").status_code == 404
    (item,) = [
        item
        for item in partner_api.get("/api/v1/incidents/removed/").json()
        if item["id"] == incident.pk
    ]
    assert item["kind"] == "withdrawn"
