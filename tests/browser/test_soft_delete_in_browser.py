"""A reviewer deletes an incident with a reason and restores it, in Chromium, with
screenshots of each page (var/artifacts/)."""

import pytest

from apps.cases.models import Incident
from tests.factories import ChildGroupFactory, CitationFactory, IncidentFactory, ReviewerFactory

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Entered twice: the same event as another incident."


def test_a_reviewer_deletes_an_incident_with_a_reason_and_restores_it(page, live_server, artifacts):
    ReviewerFactory(username="reviewer", password="a-long-test-password")
    incident = IncidentFactory(title="46 children taken from Kherson to Crimea")
    ChildGroupFactory(incident=incident, description="from the Kherson orphanage")
    CitationFactory(incident=incident)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_selector("text=Records")

    page.goto(f"{live_server.url}/admin/cases/incident/{incident.pk}/change/")
    page.click("a.deletelink")
    page.wait_for_selector("text=Why is it deleted?")
    text = page.locator("#content").inner_text()
    assert "deleted with it" in text and "from the Kherson orphanage" in text
    page.fill("#id_reason", REASON)
    page.screenshot(path=str(artifacts / "incident-soft-delete.png"), full_page=True)
    page.click("input[type=submit]")
    page.wait_for_selector("text=A reviewer can restore them")
    assert "46 children taken" not in page.locator("#changelist").inner_text()

    page.click("#changelist-filter a[href*='deleted=yes']")
    page.wait_for_selector("#result_list")
    assert "46 children taken" in page.locator("#result_list").inner_text()
    page.click("text=46 children taken from Kherson to Crimea")
    page.wait_for_selector("text=This incident is deleted")
    page.screenshot(path=str(artifacts / "incident-deleted-page.png"), full_page=False)
    page.click("text=Restore it")
    page.wait_for_selector(f"text={REASON}")
    page.screenshot(path=str(artifacts / "incident-restore.png"), full_page=True)
    page.click("input[type=submit]")
    page.wait_for_selector("text=Restored 1 incident")
    restored = Incident.objects.get(pk=incident.pk)
    assert restored.child_groups.count() == 1 and restored.citations.count() == 1
