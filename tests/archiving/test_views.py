"""What staff and partners see of captures: admin pages, safe viewing, the API."""

import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.archiving.models import Capture, CaptureJob, JobStatus, Outcome
from apps.archiving.services import capture_job_run
from apps.archiving.views import SANDBOX_POLICY
from apps.sources.models import Source
from tests.archiving.helpers import new_source, open_job
from tests.factories import CitationFactory, IncidentFactory

pytestmark = pytest.mark.django_db

EVIL = (
    "<html><head><title>Archived statement</title></head><body><p>Statement text.</p>"
    "<script>document.title = document.cookie</script><img src='https://tracker.example/p.gif'>"
    "</body></html>"
)


@pytest.fixture
def captured(site):
    source = new_source(site.page("/statement", EVIL))
    capture_job_run(job_id=open_job(source).pk)
    return Capture.objects.get(source=source)


def test_source_page_shows_capture_history_and_status(captured, staff_client):
    page = staff_client.get(reverse("admin:sources_source_change", args=[captured.source_id]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "capture history" in text.lower()
    assert f"Archived on {captured.fetched_at:%Y-%m-%d}" in text
    assert reverse("admin:archiving_capture_warc", args=[captured.pk]) in text


def test_staff_see_source_gone_with_the_date_of_the_archived_copy(captured, staff_client, site):
    from apps.archiving.models import JobKind
    from apps.archiving.services import capture_request

    site.page("/statement", "", status=410)
    job = capture_request(source=captured.source, kind=JobKind.RECHECK)
    assert capture_job_run(job_id=job.pk) == Outcome.GONE
    page = staff_client.get(reverse("admin:sources_source_change", args=[captured.source_id]))
    assert (
        f"Source gone, archived copy from {captured.fetched_at:%Y-%m-%d}." in page.content.decode()
    )


def test_the_archived_page_is_served_sandboxed_without_cookies(captured, staff_client):
    response = staff_client.get(reverse("admin:archiving_capture_page", args=[captured.pk]))
    assert response.status_code == 200
    assert response.content == EVIL.encode()
    assert response["Content-Security-Policy"] == SANDBOX_POLICY
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_the_warc_downloads_with_its_hash(captured, staff_client):
    response = staff_client.get(reverse("admin:archiving_capture_warc", args=[captured.pk]))
    body = b"".join(response.streaming_content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert hashlib.sha256(body).hexdigest() == captured.warc_sha256 == response["X-Content-SHA256"]


def test_captures_cannot_be_changed_or_deleted_in_the_admin(captured, staff_client):
    change = staff_client.post(
        reverse("admin:archiving_capture_change", args=[captured.pk]), {"outcome": "failed"}
    )
    assert change.status_code == 403
    delete = staff_client.post(reverse("admin:archiving_capture_delete", args=[captured.pk]))
    assert delete.status_code == 403
    captured.refresh_from_db()
    assert captured.outcome == Outcome.ARCHIVED


def test_archive_now_action_queues_a_new_capture(captured, staff_client, user):
    response = staff_client.post(
        reverse("admin:sources_source_changelist"),
        {"action": "archive_now", "_selected_action": [captured.source_id]},
        follow=True,
    )
    assert "1 capture(s) queued" in response.content.decode()
    job = open_job(captured.source)
    assert (job.kind, job.requested_by) == ("again", user)


def test_archive_now_needs_permission_to_change_sources(captured, client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    reader = UserFactory(username="reader", is_superuser=False)
    reader.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(reader)
    url = reverse("admin:sources_source_changelist")
    assert client.get(url).status_code == 200
    assert "archive_now" not in client.get(url).content.decode()
    client.post(url, {"action": "archive_now", "_selected_action": [captured.source_id]})
    assert not CaptureJob.objects.open().filter(source=captured.source).exists()


def test_capture_changelists_render_with_bounded_queries(
    captured, site, staff_client, django_assert_max_num_queries
):
    for n in range(5):
        capture_job_run(job_id=open_job(new_source(site.page(f"/p{n}", f"<p>{n}</p>"))).pk)
    for name in ("capture", "capturejob"):
        with django_assert_max_num_queries(15):
            assert (
                staff_client.get(reverse(f"admin:archiving_{name}_changelist")).status_code == 200
            )
    with django_assert_max_num_queries(20):
        assert staff_client.get(reverse("admin:sources_source_changelist")).status_code == 200


def _publish(source: Source) -> None:
    CitationFactory(
        source=source,
        incident=IncidentFactory(is_published=True, published_at="2025-01-01T00:00Z"),
    )


def test_api_lists_captures_under_their_source_with_files_for_staff_only(
    captured, staff_api, partner_api
):
    _publish(captured.source)
    url = f"/api/v1/sources/{captured.source_id}/captures/"
    staff_item = staff_api.get(url).json()["results"][0]
    partner_item = partner_api.get(url).json()["results"][0]
    for item in (staff_item, partner_item):
        assert item["payload_sha256"] == captured.payload_sha256
        assert item["warc_sha256"] == captured.warc_sha256
        assert item["outcome"] == "archived"
    assert staff_item["warc_download"].endswith(f"/captures/{captured.pk}/warc/")
    assert partner_item["warc_download"] is None and partner_item["page_download"] is None

    warc = staff_api.get(staff_item["warc_download"])
    assert hashlib.sha256(b"".join(warc.streaming_content)).hexdigest() == captured.warc_sha256
    page = staff_api.get(staff_item["page_download"])
    assert page["Content-Security-Policy"] == SANDBOX_POLICY
    assert partner_api.get(staff_item["warc_download"]).status_code == 403
    assert partner_api.get(staff_item["page_download"]).status_code == 403


def test_partners_see_no_captures_of_unpublished_sources(captured, partner_api, staff_api):
    url = f"/api/v1/sources/{captured.source_id}/captures/"
    assert partner_api.get(url).json()["results"] == []
    assert len(staff_api.get(url).json()["results"]) == 1
    detail = partner_api.get(f"{url}{captured.pk}/")
    assert detail.status_code == 404


def test_a_capture_is_only_found_under_its_own_source(captured, staff_api, site):
    other = new_source(site.url("/other"))
    assert staff_api.get(f"/api/v1/sources/{other.pk}/captures/{captured.pk}/").status_code == 404
    assert (
        staff_api.get(f"/api/v1/sources/{other.pk}/captures/{captured.pk}/warc/").status_code == 404
    )


def test_archive_sources_command_queues_unarchived_sources(captured, site, capsys):
    CaptureJob.objects.update(status=JobStatus.DONE)
    waiting = new_source(site.url("/later"))
    CaptureJob.objects.filter(source=waiting).update(status=JobStatus.DONE)
    call_command("archive_sources", "--unarchived")
    assert "1 capture(s) queued" in capsys.readouterr().out
    assert open_job(waiting).kind == "again"
    with pytest.raises(CommandError, match="No source with id 999999"):
        call_command("archive_sources", "999999")
    with pytest.raises(CommandError, match="not both"):
        call_command("archive_sources")
