"""Link rot: re-checks of archived sources, and what staff learn when one is gone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.archiving.models import Capture, CaptureJob, JobKind, Outcome
from apps.archiving.services import capture_job_run, recheck_schedule
from apps.sources.models import Availability
from tests.archiving.helpers import new_source, open_job

pytestmark = pytest.mark.django_db


def archived_long_ago(site, path: str, days: int = 40):
    source = new_source(site.page(path, "<html><title>Statement</title><p>text</p></html>"))
    capture_job_run(job_id=open_job(source).pk)
    Capture.objects.filter(source=source).update(
        requested_at=timezone.now() - timedelta(days=days),
        fetched_at=timezone.now() - timedelta(days=days),
    )
    return source


def test_recheck_queues_only_sources_archived_long_enough_ago(site, settings):
    settings.ARCHIVE_RECHECK_DAYS = 30
    old = archived_long_ago(site, "/old")
    recent = archived_long_ago(site, "/recent", days=2)
    never = new_source(site.url("/never"))  # its first job still waits
    assert recheck_schedule() == 1
    job = open_job(old)
    assert job.kind == JobKind.RECHECK
    assert not CaptureJob.objects.open().filter(source=recent).exists()
    assert CaptureJob.objects.get(source=never).kind == JobKind.FIRST
    assert recheck_schedule() == 0  # the open job is not doubled


@pytest.mark.parametrize("status", [404, 410])
def test_a_source_that_now_answers_404_or_410_is_marked_gone_and_keeps_its_capture(site, status):
    source = archived_long_ago(site, "/statement")
    first = Capture.objects.get(source=source)
    site.page("/statement", "gone", status=status)
    recheck_schedule()
    assert capture_job_run(job_id=open_job(source).pk) == Outcome.GONE

    source.refresh_from_db()
    assert source.availability == Availability.REMOVED
    assert source.removed_on == timezone.now().date()
    assert f"archived copy from {first.fetched_at:%Y-%m-%d}" in source.availability_note
    assert list(Capture.objects.filter(source=source).values_list("outcome", flat=True)) == [
        Outcome.GONE,
        Outcome.ARCHIVED,
    ]
    assert source.history.first().history_user.username == "system"


def test_a_source_that_now_redirects_to_the_front_page_is_gone(site):
    source = archived_long_ago(site, "/news/2023/statement")
    site.page("/", "<html><title>Front page</title></html>")
    site.redirect("/news/2023/statement", "/")
    recheck_schedule()
    assert capture_job_run(job_id=open_job(source).pk) == Outcome.GONE
    assert "redirects away" in Capture.objects.filter(source=source).first().error


def test_a_first_capture_that_finds_404_is_a_failure_not_gone(site):
    source = new_source(site.url("/never-there"))
    assert capture_job_run(job_id=open_job(source).pk) == Outcome.FAILED
    source.refresh_from_db()
    assert source.availability == Availability.UNKNOWN


def test_a_source_still_online_gets_a_new_capture(site):
    source = archived_long_ago(site, "/still-here")
    recheck_schedule()
    assert capture_job_run(job_id=open_job(source).pk) == Outcome.ARCHIVED
    newest = Capture.objects.filter(source=source).first()
    assert newest.payload_stored_in is not None  # unchanged: its bytes are not stored twice
