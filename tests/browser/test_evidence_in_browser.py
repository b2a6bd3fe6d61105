"""A viewer (NGO staff, read only) takes incidents away as an evidence package from the
incident list, in a real browser, and the downloaded zip verifies."""

import pytest

from apps.evidence.models import EvidencePackage
from apps.evidence.verify import verify_package
from tests.factories import ViewerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_viewer_downloads_an_evidence_package(page, live_server, demo, artifacts, tmp_path):
    ViewerFactory(username="ngo-viewer", password="a-long-test-password")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "ngo-viewer")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/cases/incident/")
    boxes = page.locator("input.action-select")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("select[name=action]", "build_evidence_package")
    page.screenshot(path=str(artifacts / "incident-list-evidence-action.png"))
    with page.expect_download(timeout=90_000) as download:
        page.click("button[name=index]")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("evidence-package-") and path.suffix == ".zip"
    verdict = verify_package(path)
    assert verdict.problems == []
    record = EvidencePackage.objects.get()
    assert record.built_by.username == "ngo-viewer" and len(record.incident_ids) == 2
    assert verdict.manifest_sha256 == record.manifest_sha256
