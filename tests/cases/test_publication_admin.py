"""The review steps on the incident page: buttons for what the user may do, a
confirmation page listing failing checks, an override with a reason, the steps shown."""

import pytest
from django.urls import reverse

from apps.cases.models import Incident, PublicationStep
from apps.cases.services import incident_save, incident_transition
from tests.cases.test_publication import ChildGroupFactory, ready_incident, record_save
from tests.factories import IncidentFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def step_url(incident, name):
    return reverse("admin:cases_incident_review", args=[incident.pk, name])


@pytest.fixture
def reviewer_client(client):
    client.force_login(ReviewerFactory(username="the-reviewer"))
    return client


def test_an_investigator_sees_submit_not_publish_and_cannot_verify(staff_client, user):
    incident = ready_incident(user)
    page = staff_client.get(reverse("admin:cases_incident_change", args=[incident.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert step_url(incident, "submit") in text
    assert step_url(incident, "publish") not in text
    assert 'name="verification_status"' not in text  # read only without the permission
    assert 'name="is_published"' not in text
    listing = staff_client.get(reverse("admin:cases_incident_changelist"), {"status": "draft"})
    assert listing.status_code == 200 and "Draft" in listing.content.decode()


def test_an_investigator_cannot_publish_by_posting(staff_client, user):
    incident = ready_incident(user)
    incident_transition(incident=incident, user=user, name="submit")
    response = staff_client.post(step_url(incident, "publish"), {"confirm": "1"})
    assert response.status_code == 403
    assert not Incident.objects.get(pk=incident.pk).is_published


def test_a_reviewer_publishes_over_failing_checks_only_with_a_reason(reviewer_client, user):
    incident = incident_save(incident=IncidentFactory.build(), user=user)
    record_save(ChildGroupFactory.build(incident=incident, description="uncited"), user=user)
    incident_transition(incident=incident, user=user, name="submit")
    page = reverse("admin:cases_incident_change", args=[incident.pk])
    assert step_url(incident, "publish") in reviewer_client.get(page).content.decode()

    confirm = reviewer_client.post(step_url(incident, "publish"))
    text = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Publish checks that fail" in text and "has no citation" in text
    assert 'name="override_reason"' in text

    refused = reviewer_client.post(step_url(incident, "publish"), {"confirm": "1"})
    assert "Publishing is refused" in refused.content.decode()
    assert not Incident.objects.get(pk=incident.pk).is_published

    done = reviewer_client.post(
        step_url(incident, "publish"), {"confirm": "1", "override_reason": "court hearing"}
    )
    assert done.status_code == 302 and done["Location"] == page
    assert Incident.objects.get(pk=incident.pk).is_published
    step = PublicationStep.objects.get(incident=incident, to_status="published")
    assert step.override_reason == "court hearing" and len(step.overridden_checks) == 1

    shown = reviewer_client.get(page).content.decode()
    assert "court hearing" in shown and "In review → Published" in shown
    assert step_url(incident, "withdraw") in shown


def test_a_withdrawal_asks_for_its_reason(reviewer_client, user):
    incident = ready_incident(user)
    incident_transition(incident=incident, user=user, name="submit")
    incident_transition(incident=incident, user=ReviewerFactory(), name="publish")
    refused = reviewer_client.post(step_url(incident, "withdraw"), {"confirm": "1", "note": ""})
    assert "Say why" in refused.content.decode()
    assert Incident.objects.get(pk=incident.pk).is_published
    reviewer_client.post(step_url(incident, "withdraw"), {"confirm": "1", "note": "wrong place"})
    assert Incident.objects.get(pk=incident.pk).status == "withdrawn"
