"""An investigator logs in, records an incident with a group of children in a real
browser, is stopped by a readable message on bad input, and fixes it."""

import pytest

from apps.cases.models import ChildGroup, Incident
from apps.regions.models import Region
from tests.factories import InvestigatorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server):
    InvestigatorFactory(username="investigator", password="a-long-test-password")
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "investigator")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_selector("text=Records")


def test_investigator_records_an_incident_and_sees_clear_errors(
    page, live_server, regions, artifacts
):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/cases/incident/add/")
    page.fill("#id_title", "125 children flown to Moscow Oblast")
    page.select_option("#id_incident_type", "transfer")
    page.fill("#id_summary", "Arrived on MoD flights.")
    # A new incident's dates are unknown until the investigator says how precise they are.
    page.select_option("#id_occurred_precision", "day")
    page.fill("#id_occurred_start", "2022-09-16")
    page.fill("#id_reported_on", "2022-09-16")
    page.select_option("#id_reported_precision", "day")
    page.click("text=Add another Child group")
    page.fill("#id_child_groups-0-description", "children and teenagers")
    page.fill("#id_child_groups-0-count", "125")
    page.fill("#id_child_groups-0-age_min", "14")
    page.fill("#id_child_groups-0-age_max", "2")
    page.click("input[name=_save]")

    error = page.locator(".errorlist", has_text="is below the youngest age")
    error.first.wait_for()
    page.screenshot(path=str(artifacts / "incident-bad-ages.png"), full_page=True)
    assert "The oldest age (2) is below the youngest age (14)" in error.first.inner_text()
    assert not Incident.objects.exists()

    page.fill("#id_child_groups-0-age_min", "2")
    page.fill("#id_child_groups-0-age_max", "14")
    page.click("input[name=_save]")
    page.wait_for_selector("text=was added successfully")
    group = ChildGroup.objects.get()
    assert (group.count_min, group.age_min, group.age_max) == (125, 2, 14)
    assert group.incident.created_by.username == "investigator"


def test_region_autocomplete_finds_cyrillic_names(page, live_server, regions):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/cases/incident/add/")
    page.click("#id_origin_regions + .select2")
    page.keyboard.type("Донецька")
    option = page.locator(".select2-results__option", has_text="Donetsk Oblast")
    option.wait_for()
    option.click()
    assert "Donetsk Oblast" in page.locator("#id_origin_regions + .select2").inner_text()


def test_api_docs_show_the_key_header_as_written(page, live_server):
    """Swagger UI renders the description as Markdown: `<key>` must not be eaten as an
    HTML tag."""
    page.goto(f"{live_server.url}/api/v1/docs/")
    description = page.locator(".info .description")
    description.wait_for()
    assert "Authorization: Api-Key <key>" in description.inner_text()


def test_place_filter_is_typed_in_any_language(page, live_server, demo, artifacts):
    """The incident list's origin filter: type 'Донецька', choose Donetsk Oblast, and the
    list keeps the incidents from there or below it (Mariupol), with the other filters."""
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/cases/incident/?incident_type__exact=adoption")
    page.click("#ct-region-filter-origin + .select2")
    page.keyboard.type("Донецька")
    option = page.locator(".select2-results__option", has_text="Donetsk Oblast")
    option.wait_for()
    with page.expect_navigation():
        option.click()
    page.wait_for_selector("#result_list")
    page.screenshot(path=str(artifacts / "incident-list-origin-filter.png"), full_page=True)
    donetsk = Region.objects.get(iso_code="UA-14")
    assert f"origin={donetsk.pk}" in page.url and "incident_type__exact=adoption" in page.url
    rows = page.locator("#result_list tbody tr")
    assert "Krasnodar Krai: over 1,000 Mariupol" in page.locator("#result_list").inner_text()
    expected = Incident.objects.filter(
        incident_type="adoption", origin_regions__in=Region.objects.within(donetsk)
    ).distinct()
    assert rows.count() == expected.count()
    assert expected.count() < Incident.objects.filter(incident_type="adoption").count()


def test_archive_now_from_the_source_page(page, live_server, demo, artifacts):
    from apps.archiving.models import CaptureJob
    from apps.sources.models import Source

    source = Source.objects.get(url="https://t.me/malvovabelova/384")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/sources/source/{source.pk}/change/")
    with page.expect_navigation():
        page.click("text=Archive now")
    page.wait_for_selector("text=Capture queued.")
    page.screenshot(path=str(artifacts / "source-archive-now.png"), full_page=False)
    job = CaptureJob.objects.open().get(source=source)  # beside the stand-in's, done
    assert (job.kind, job.requested_by.username) == ("again", "investigator")


def test_deleting_a_facility_explains_what_holds_it(page, live_server, demo, artifacts):
    from django.contrib.auth.models import Permission

    from apps.actors.models import Organization

    klyazma = Organization.objects.get(name_en__icontains="Klyazma")
    log_in(page, live_server)
    from django.contrib.auth import get_user_model

    get_user_model().objects.get(username="investigator").user_permissions.add(
        Permission.objects.get(codename="delete_organization")
    )
    page.goto(f"{live_server.url}/admin/actors/organization/{klyazma.pk}/delete/")
    page.wait_for_selector("text=What to do instead")
    page.screenshot(path=str(artifacts / "organization-delete-protected.png"), full_page=True)
    text = page.locator("#content").inner_text()
    assert "cannot be deleted" in text and "is held there (its facility)" in text
    assert page.locator("input[type=submit]").count() == 0
