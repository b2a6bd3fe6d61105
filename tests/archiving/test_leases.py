"""Leases of running capture jobs, in-process: renewed while the capture runs, fenced by
the attempt, and a job whose worker stopped too many times ends as a failed capture."""

import time
from datetime import timedelta

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from apps.archiving.leases import capture_job_lease_renew
from apps.archiving.models import Capture, CaptureJob, JobStatus, Outcome
from apps.archiving.services import capture_job_claim, capture_job_run
from tests.archiving.helpers import new_source, open_job
from tests.support.site import Answer

pytestmark = pytest.mark.django_db

PAGE = b"<html><head><title>Statement</title></head><body><p>Children.</p></body></html>"


def _lease_runs_out(job: CaptureJob) -> None:
    """What a killed worker leaves: the job running, its lease in the past."""
    CaptureJob.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))


def test_only_the_attempt_that_holds_the_job_renews_its_lease(site, settings):
    settings.ARCHIVE_LEASE_SECONDS = 90
    job = open_job(new_source(site.page("/p", PAGE)))
    first = capture_job_claim(job_id=job.pk)
    CaptureJob.objects.filter(pk=job.pk).update(lease_until=timezone.now())
    assert capture_job_lease_renew(job_id=job.pk, attempt=first.attempts)
    job.refresh_from_db()
    assert job.lease_until > timezone.now() + timedelta(seconds=85)

    _lease_runs_out(job)
    second = capture_job_claim(job_id=job.pk)
    assert not capture_job_lease_renew(job_id=job.pk, attempt=first.attempts)
    assert capture_job_lease_renew(job_id=job.pk, attempt=second.attempts)


@pytest.mark.django_db(transaction=True)
def test_a_capture_that_outlasts_its_lease_keeps_the_job(site, settings):
    # The lease is 1.5 s and the page takes 3 s; 2.5 s in, another worker tries to take
    # the job. Renewed every 0.5 s while the fetch runs, the lease has not run out.
    settings.ARCHIVE_LEASE_SECONDS = 1.5
    settings.ARCHIVE_READ_TIMEOUT = 10
    taken_by_another: list[bool] = []

    def slow_answer(handler):
        time.sleep(2.5)
        try:
            taken_by_another.append(capture_job_claim(job_id=job.pk) is not None)
        finally:
            connections.close_all()  # the server thread's own connection
        time.sleep(0.5)
        return Answer(body=PAGE)

    site.answers["/slow"] = slow_answer
    job = open_job(new_source(site.url("/slow")))
    assert capture_job_run(job_id=job.pk) == Outcome.ARCHIVED
    assert taken_by_another == [False]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.crashes) == (JobStatus.DONE, 1, 0)
    assert Capture.objects.filter(job=job).count() == 1


def test_taking_a_job_whose_lease_ran_out_counts_a_crash(site, settings):
    settings.ARCHIVE_RETRY_BASE_SECONDS = 1
    site.answers["/busy"] = [Answer(status=503), Answer(body=PAGE)]
    job = open_job(new_source(site.url("/busy")))
    capture_job_claim(job_id=job.pk)
    _lease_runs_out(job)
    assert capture_job_run(job_id=job.pk) == "retry"  # a 503 is an outcome, not a crash
    job.refresh_from_db()
    assert (job.attempts, job.crashes) == (2, 1)
    CaptureJob.objects.filter(pk=job.pk).update(not_before=timezone.now())
    assert capture_job_run(job_id=job.pk) == Outcome.ARCHIVED
    job.refresh_from_db()
    assert (job.status, job.attempts, job.crashes) == (JobStatus.DONE, 3, 1)


def test_a_job_that_stopped_its_worker_too_often_ends_failed_with_the_reason(
    site, settings, staff_api, staff_client
):
    settings.ARCHIVE_MAX_CRASHES = 3
    source = new_source(site.page("/poison", PAGE))
    job = open_job(source)
    for _ in range(3):  # three workers took the job and died with it
        assert capture_job_claim(job_id=job.pk) is not None
        _lease_runs_out(job)

    assert capture_job_run(job_id=job.pk) == Outcome.FAILED
    assert site.hits["/poison"] == 0  # not fetched a fourth time
    reason = "the worker stopped during this capture 3 times; not retried"
    capture = Capture.objects.get(source=source)
    assert (capture.outcome, capture.error, capture.warc) == (Outcome.FAILED, reason, "")
    job.refresh_from_db()
    assert (job.status, job.crashes, job.last_error) == (JobStatus.DONE, 3, reason)
    assert job.finished_at is not None
    assert capture_job_run(job_id=job.pk) == "skipped"  # a late message changes nothing

    answer = staff_api.get(f"/api/v1/sources/{source.pk}/captures/")
    assert answer.status_code == 200
    [shown] = answer.json()["results"]
    assert (shown["outcome"], shown["error"]) == ("failed", reason)
    page = staff_client.get(reverse("admin:archiving_capturejob_changelist")).content.decode()
    assert reason in page
    assert '<td class="field-crashes">3</td>' in page


def test_a_job_under_the_crash_limit_is_captured(site, settings):
    settings.ARCHIVE_MAX_CRASHES = 3
    source = new_source(site.page("/p", PAGE))
    job = open_job(source)
    for _ in range(2):
        capture_job_claim(job_id=job.pk)
        _lease_runs_out(job)
    assert capture_job_run(job_id=job.pk) == Outcome.ARCHIVED
    job.refresh_from_db()
    assert (job.attempts, job.crashes) == (3, 2)
