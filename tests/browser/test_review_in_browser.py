"""A reviewer publishes a submitted incident from its page in a real browser: the
confirmation page lists the failing checks, publishing without a reason is refused,
with one it is published and the step is shown."""

import pytest

from apps.cases.models import Incident
from apps.cases.services import incident_save, incident_transition
from apps.core.services import record_save
from tests.factories import ChildGroupFactory, IncidentFactory, InvestigatorFactory, ReviewerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_publishes_with_an_override_reason(page, live_server, regions, artifacts):
    investigator = InvestigatorFactory()
    incident = incident_save(incident=IncidentFactory.build(title="To review"), user=investigator)
    record_save(
        ChildGroupFactory.build(incident=incident, description="uncited"), user=investigator
    )
    incident_transition(incident=incident, user=investigator, name="submit")
    ReviewerFactory(username="reviewer", password="a-long-test-password")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/cases/incident/{incident.pk}/change/")
    with page.expect_navigation():
        page.click("button:has-text('Publish')")
    page.wait_for_selector("text=Publish checks that fail")
    page.screenshot(path=str(artifacts / "incident-publish-checks.png"), full_page=True)
    with page.expect_navigation():
        page.click("input[type=submit][value=Publish]")
    page.wait_for_selector("text=Publishing is refused")
    page.fill("#id_override_reason", "Needed for the hearing; captures follow.")
    with page.expect_navigation():
        page.click("input[type=submit][value=Publish]")
    page.wait_for_selector("text=is now published")
    page.screenshot(path=str(artifacts / "incident-published-steps.png"), full_page=True)
    assert "In review → Published" in page.locator("#content").inner_text()
    assert Incident.objects.get(pk=incident.pk).is_published
