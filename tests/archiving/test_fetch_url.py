"""The archiver fetches the URL as cited and records it beside the normalized one; an
address it must not reach is blocked with the reason, however it is written."""

import io

import pytest
from warcio.archiveiterator import ArchiveIterator

from apps.archiving.models import Capture, CaptureJob, JobStatus, Outcome
from apps.archiving.services import capture_job_run
from apps.sources.services import source_save
from apps.sources.url_normalization import normalize_url
from tests.archiving.helpers import new_source, open_job, warc_bytes

pytestmark = pytest.mark.django_db

PAGE = "<html><head><title>Cited</title></head><body><p>Twenty children.</p></body></html>"


def test_the_url_as_cited_is_fetched_and_the_capture_records_both(site, user):
    cited = site.page("/article?utm_source=telegram&id=5", PAGE)
    site.page("/article?id=5", "<html>another answer</html>")
    source = new_source(cited.replace("/article", "/%61rticle"), user=user)
    assert source.url == site.url("/article?id=5")  # the tracker is not the document's

    assert capture_job_run(job_id=open_job(source).pk) == Outcome.ARCHIVED
    capture = Capture.objects.get(source=source)
    assert (capture.url, capture.fetched_url) == (source.url, cited)
    assert capture.title == "Cited"
    assert site.hits["/article?utm_source=telegram&id=5"] == 1
    assert site.hits["/article?id=5"] == 0
    uris = [
        r.rec_headers.get_header("WARC-Target-URI")
        for r in ArchiveIterator(io.BytesIO(warc_bytes(capture)))
        if r.rec_type == "response"
    ]
    assert uris == [cited]


def test_an_ipv4_mapped_ipv6_literal_is_blocked_with_the_reason(site):
    # Even the test site's own address and port, written as IPv6, is not the allowance.
    source = new_source(f"http://[::ffff:{site.host}]:{site.port}/page")
    site.page("/page", PAGE)
    assert source.url == f"http://[::ffff:{site.host}]:{site.port}/page"
    assert capture_job_run(job_id=open_job(source).pk) == Outcome.BLOCKED
    capture = Capture.objects.get(source=source)
    assert capture.error == f"::ffff:{site.host} is a loopback address"
    assert site.hits["/page"] == 0


def test_a_job_written_before_the_normalization_changed_is_not_asked_again(user):
    source = new_source("https://ria.ru/путь", user=user)
    # As such a job was written: the URL in the spelling of its day, done.
    CaptureJob.objects.filter(source=source).update(url="https://ria.ru/путь", status="done")
    assert normalize_url("https://ria.ru/путь") != "https://ria.ru/путь"
    source.title = "Путь"
    source_save(source=source, user=user)
    assert list(CaptureJob.objects.filter(source=source).values_list("status", flat=True)) == [
        JobStatus.DONE
    ]
