"""Capture jobs run in-process against a local site: outcomes, retries, leases, dedup."""

import hashlib
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from apps.archiving.models import Capture, CaptureJob, JobKind, JobStatus, Outcome
from apps.archiving.services import (
    capture_job_claim,
    capture_job_run,
    capture_request,
    host_slot_take,
)
from apps.sources.models import Availability
from tests.archiving.helpers import new_source, open_job, tiny_pdf, warc_bytes
from tests.support.site import Answer

pytestmark = pytest.mark.django_db

ARTICLE = (
    "<html><head><title>Children taken to Crimea</title></head><body><article>"
    "<p>Forty-six children from Kherson Oblast were taken to a camp in Crimea.</p>"
    "<p>The official said they would stay for the summer.</p></article></body></html>"
)


def run(job) -> str:
    return capture_job_run(job_id=job.pk)


def test_saving_a_source_writes_its_job_and_the_job_archives_the_page(site, user):
    source = new_source(site.page("/article", ARTICLE), user=user)
    job = open_job(source)
    assert (job.kind, job.status, job.requested_by) == (JobKind.FIRST, JobStatus.PENDING, user)

    assert run(job) == Outcome.ARCHIVED
    capture = Capture.objects.get(source=source)
    assert capture.http_status == 200
    assert capture.title == "Children taken to Crimea"
    assert "Forty-six children" in capture.text
    assert capture.payload_sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert capture.content_length == len(ARTICLE)
    assert capture.content_type == "text/html; charset=utf-8"
    assert capture.worker_version.startswith("childtrace/")
    assert capture.fetched_at >= capture.requested_at
    warc = warc_bytes(capture)
    assert capture.warc_sha256 == hashlib.sha256(warc).hexdigest()
    assert capture.warc_size == len(warc)

    records = [
        (r.rec_type, r.rec_headers, r.raw_stream.read()) for r in ArchiveIterator(io.BytesIO(warc))
    ]
    assert [kind for kind, _, _ in records] == ["warcinfo", "request", "response"]
    response_headers, payload = records[2][1], records[2][2]
    assert payload == ARTICLE.encode()
    assert response_headers["WARC-Target-URI"] == source.url
    assert response_headers["WARC-Record-ID"] == capture.payload_record_id
    assert response_headers["WARC-Payload-Digest"].startswith("sha256:")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 1)
    source.refresh_from_db()
    assert source.availability == Availability.ONLINE


def test_redirects_are_recorded_in_the_capture_and_its_warc(site):
    site.page("/new-place", ARTICLE)
    source = new_source(site.redirect("/old-place", "/new-place", status=301))
    run(open_job(source))
    capture = Capture.objects.get(source=source)
    assert capture.final_url == site.url("/new-place")
    assert capture.redirect_chain == [
        {"url": site.url("/old-place"), "status": 301, "location": site.url("/new-place")},
        {"url": site.url("/new-place"), "status": 200, "location": ""},
    ]
    kinds = [r.rec_type for r in ArchiveIterator(io.BytesIO(warc_bytes(capture)))]
    assert kinds == ["warcinfo", "request", "response", "request", "response"]


def test_503_is_retried_with_backoff_then_archived(site, settings):
    settings.ARCHIVE_RETRY_BASE_SECONDS = 60
    site.answers["/busy"] = [Answer(status=503, body=b"busy"), Answer(body=ARTICLE.encode())]
    source = new_source(site.url("/busy"))
    job = open_job(source)

    assert run(job) == "retry"
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.PENDING, 1)
    assert "503" in job.last_error
    # Exponential backoff with jitter: 60 s ± 50 %, and not due before then.
    assert timedelta(seconds=29) < job.not_before - timezone.now() < timedelta(seconds=91)
    assert run(job) == "skipped"  # a duplicate message before the time changes nothing
    assert site.hits["/busy"] == 1

    CaptureJob.objects.filter(pk=job.pk).update(not_before=timezone.now())
    assert run(job) == Outcome.ARCHIVED
    assert site.hits["/busy"] == 2
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert Capture.objects.get(source=source).http_status == 200


def test_429_waits_at_least_as_long_as_retry_after(site, settings):
    settings.ARCHIVE_RETRY_BASE_SECONDS = 1
    site.answers["/limited"] = Answer(status=429, headers={"Retry-After": "600"})
    job = open_job(new_source(site.url("/limited")))
    assert run(job) == "retry"
    job.refresh_from_db()
    assert job.not_before - timezone.now() > timedelta(seconds=590)


def test_retries_stop_after_the_last_attempt_with_a_failed_capture(site, settings):
    settings.ARCHIVE_MAX_ATTEMPTS = 2
    site.answers["/down"] = Answer(status=502, body=b"bad gateway")
    job = open_job(new_source(site.url("/down")))
    assert run(job) == "retry"
    CaptureJob.objects.filter(pk=job.pk).update(not_before=timezone.now())
    assert run(job) == Outcome.FAILED
    capture = Capture.objects.get(job=job)
    assert capture.error == "the server answered 502 Bad Gateway"
    assert site.hits["/down"] == 2


def test_404_fails_at_once_without_retry(site):
    source = new_source(site.url("/missing"))
    job = open_job(source)
    assert run(job) == Outcome.FAILED
    capture = Capture.objects.get(source=source)
    assert (capture.http_status, capture.error) == (404, "the server answered 404 Not Found")
    assert capture.warc  # the refusal itself is kept as evidence
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 1)
    assert site.hits["/missing"] == 1


def test_a_blocked_redirect_is_recorded_as_blocked_with_the_reason(site):
    source = new_source(site.redirect("/to-db", "http://127.0.0.1:5432/"))
    assert run(open_job(source)) == Outcome.BLOCKED
    capture = Capture.objects.get(source=source)
    assert "127.0.0.1" in capture.error and "loopback" in capture.error
    assert capture.redirect_chain[0]["status"] == 302


def test_an_address_that_resolves_to_a_private_network_is_blocked(resolve, site):
    resolve({"intranet.example": "192.168.0.10"})
    source = new_source("http://intranet.example/report")
    assert run(open_job(source)) == Outcome.BLOCKED
    assert Capture.objects.get(source=source).error == (
        "intranet.example resolves to 192.168.0.10, a private-network address"
    )


def test_oversize_is_recorded_as_too_large(site, settings):
    settings.ARCHIVE_MAX_BODY_BYTES = 1000
    source = new_source(site.page("/huge", "z" * 5000))
    assert run(open_job(source)) == Outcome.TOO_LARGE
    assert "5,000 bytes" in Capture.objects.get(source=source).error


def test_a_slow_server_times_out_and_is_retried_later(site, settings):
    settings.ARCHIVE_READ_TIMEOUT = 0.5
    site.answers["/slow"] = Answer(body=b"late", delay=3)
    job = open_job(new_source(site.url("/slow")))
    assert run(job) == "retry"
    job.refresh_from_db()
    assert "timed out" in job.last_error


def test_a_pdf_is_archived_as_it_is(site):
    pdf = tiny_pdf("Deportation order")
    source = new_source(site.page("/order.pdf", pdf, content_type="application/pdf"))
    assert run(open_job(source)) == Outcome.NOT_HTML
    capture = Capture.objects.get(source=source)
    assert capture.payload_sha256 == hashlib.sha256(pdf).hexdigest()
    assert "Deportation order" in capture.text


def test_identical_payloads_are_stored_once(site):
    first = new_source(site.page("/copy-a", ARTICLE))
    second = new_source(site.page("/copy-b", ARTICLE))
    run(open_job(first))
    run(open_job(second))
    original, repeat = Capture.objects.get(source=first), Capture.objects.get(source=second)
    assert original.payload_sha256 == repeat.payload_sha256
    assert repeat.payload_stored_in == original
    assert original.payload_stored_in is None

    records = list(ArchiveIterator(io.BytesIO(warc_bytes(repeat))))
    revisit = [r for r in records if r.rec_type == "revisit"]
    assert len(revisit) == 1 and not [r for r in records if r.rec_type == "response"]
    assert revisit[0].rec_headers["WARC-Refers-To-Target-URI"] == original.final_url
    assert revisit[0].rec_headers["WARC-Refers-To"] == original.payload_record_id
    assert ARTICLE.encode() not in warc_bytes(repeat)


def test_a_job_is_claimed_once_and_taken_again_only_after_its_lease(site, settings):
    job = open_job(new_source(site.page("/p", ARTICLE)))
    first = capture_job_claim(job_id=job.pk)
    assert first is not None and first.attempts == 1
    assert capture_job_claim(job_id=job.pk) is None  # another worker finds it taken
    CaptureJob.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    second = capture_job_claim(job_id=job.pk)
    assert second is not None and second.attempts == 2


def test_a_worker_whose_lease_ran_out_does_not_record_a_second_capture(site):
    from apps.archiving.capture import capture_url
    from apps.archiving.services import capture_record

    job = open_job(new_source(site.page("/p", ARTICLE)))
    stale = capture_job_claim(job_id=job.pk)
    CaptureJob.objects.filter(pk=job.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert run(job) == Outcome.ARCHIVED  # the second worker finishes first
    late = capture_record(job=stale, result=capture_url(job.url, kind=job.kind))
    assert late is None
    assert Capture.objects.filter(job=job).count() == 1


def test_asking_again_while_a_job_waits_does_not_double_it(site):
    source = new_source(site.page("/p", ARTICLE))
    assert capture_request(source=source) == open_job(source)
    assert CaptureJob.objects.filter(source=source).count() == 1


def test_the_host_slot_spaces_requests_to_one_host(settings):
    assert host_slot_take(host="tass.ru", interval=30) == 0
    wait = host_slot_take(host="tass.ru", interval=30)
    assert 29 < wait <= 30
    assert host_slot_take(host="ria.ru", interval=30) == 0


def test_a_job_waiting_for_its_host_is_deferred_without_using_an_attempt(site, settings):
    settings.ARCHIVE_HOST_INTERVAL = 60
    job = open_job(new_source(site.page("/p", ARTICLE)))
    host_slot_take(host="127.0.0.1")
    assert run(job) == "deferred"
    job.refresh_from_db()
    assert (job.status, job.attempts, site.hits["/p"]) == (JobStatus.PENDING, 0, 0)


def test_changing_a_sources_url_queues_a_capture_of_the_new_url(site, user):
    from apps.sources.services import source_save

    source = new_source(site.page("/first", ARTICLE), user=user)
    run(open_job(source))
    source.url_as_cited = site.page("/corrected", ARTICLE)
    source_save(source=source, user=user)
    job = open_job(source)
    assert job.url == site.url("/corrected")
    source_save(source=source, user=user)  # saved again unchanged: nothing new
    assert CaptureJob.objects.filter(source=source).count() == 2
