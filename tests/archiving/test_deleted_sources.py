"""A deleted source is not fetched: its queued (or running) capture jobs are closed
with it, by the reviewer who deleted it, and a worker given such a job records nothing;
asking for a capture of it queues nothing, in the admin or in code. Restored, it is
captured again when someone asks."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from apps.archiving.capture import capture_url
from apps.archiving.models import Capture, CaptureJob, JobKind, JobStatus, Outcome
from apps.archiving.services import (
    capture_job_claim,
    capture_job_run,
    capture_record,
    capture_request,
    capture_request_many,
)
from apps.core.softdelete import record_restore, record_soft_delete
from tests.archiving.helpers import new_source, open_job

pytestmark = pytest.mark.django_db

REASON = "Entered twice: the same post as source 12."
PAGE = "<title>Statement</title><p>Children were taken to a camp.</p>"


def test_deleting_a_source_closes_its_queued_job_and_no_worker_runs_it(site, reviewer):
    source = new_source(site.page("/statement", PAGE))
    job = open_job(source)
    record_soft_delete(source, user=reviewer, reason=REASON)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and "the source was deleted" in job.last_error
    entry = job.history.latest("history_date")
    assert (entry.history_user, entry.status) == (reviewer, JobStatus.DONE)
    assert capture_job_run(job_id=job.pk) == "skipped"
    assert not Capture.all_objects.filter(source=source).exists()
    assert not CaptureJob.objects.open().filter(source=source).exists()


def test_a_capture_running_when_its_source_is_deleted_is_not_recorded(site, reviewer):
    source = new_source(site.page("/statement", PAGE))
    job = capture_job_claim(job_id=open_job(source).pk)
    result = capture_url(job.fetch_url, kind=job.kind, normalized=job.url)
    record_soft_delete(source, user=reviewer, reason=REASON)
    assert capture_record(job=job, result=result) is None
    assert not Capture.all_objects.filter(source=source).exists()


def test_a_job_asked_for_just_before_the_delete_is_closed_by_the_worker(site, reviewer):
    """A request that read the source before it was deleted can still write a job; the
    worker closes it, with the reason, instead of fetching."""
    source = new_source(site.page("/statement", PAGE))
    capture_job_run(job_id=open_job(source).pk)
    record_soft_delete(source, user=reviewer, reason=REASON)
    now = timezone.now()
    late = CaptureJob.objects.create(
        source=source,
        url=source.url,
        fetch_url=source.url_to_fetch,
        kind=JobKind.AGAIN,
        not_before=now,
        requested_at=now,
    )
    assert capture_job_run(job_id=late.pk) == "skipped"
    late.refresh_from_db()
    assert late.status == JobStatus.DONE and "the source was deleted" in late.last_error
    assert Capture.all_objects.filter(source=source).count() == 1  # the one before


def test_asking_for_a_capture_of_a_deleted_source_queues_nothing(site, reviewer):
    source = new_source(site.page("/statement", PAGE))
    capture_job_run(job_id=open_job(source).pk)
    record_soft_delete(source, user=reviewer, reason=REASON)
    source.refresh_from_db()
    assert capture_request(source=source, user=reviewer) is None
    assert capture_request_many(sources=[source], user=reviewer) == 0
    assert not CaptureJob.objects.open().filter(source=source).exists()


def test_a_restored_source_is_captured_again_when_asked(site, reviewer):
    source = new_source(site.page("/statement", PAGE))
    record_soft_delete(source, user=reviewer, reason=REASON)
    record_restore(source, user=reviewer)
    source.refresh_from_db()
    job = capture_request(source=source, user=reviewer)
    assert job is not None and job.status == JobStatus.PENDING
    assert capture_job_run(job_id=job.pk) == Outcome.ARCHIVED
    assert Capture.objects.filter(source=source).count() == 1


def test_the_admin_does_not_queue_a_capture_of_a_deleted_source(site, client, reviewer):
    source = new_source(site.page("/refused", "<p>no</p>", status=403))
    assert capture_job_run(job_id=open_job(source).pk) == Outcome.FAILED  # "Retry capture"
    record_soft_delete(source, user=reviewer, reason=REASON)
    client.force_login(reviewer)
    archive = reverse("admin:sources_source_archive", args=[source.pk])

    page = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert archive not in text and "Retry capture" not in text and "Archive now<" not in text

    response = client.post(archive, follow=True)
    assert "This source is deleted: it is not archived." in response.content.decode()

    changelist = reverse("admin:sources_source_changelist") + "?deleted=yes"
    data = {"action": "archive_now", ACTION_CHECKBOX_NAME: [source.pk]}
    response = client.post(changelist, data, follow=True)
    assert "0 capture(s) queued" in response.content.decode()
    assert not CaptureJob.objects.open().filter(source=source).exists()
