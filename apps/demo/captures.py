"""Captures for the demo: bundled stand-in pages, recorded by the archiving app's own code.

The demo's sources are real addresses of Russian state media and officials' channels,
which the demo never fetches (fetching them reveals this machine's address). So that the
demo still has captures to show and to put in evidence packages, each demo source with a
URL gets a capture of a small page this project wrote: a labelled stand-in, served from
no network. It goes through the real recording path (`capture_record`: WARC written by
the project's writer, SHA-256 of payload and file, text extracted by the real extractor),
with the answer made here instead of fetched. The capture says what it is: the URL
fetched is on the reserved `.invalid` domain, the page and a response header say "demo
stand-in", and the source's availability is left as it was.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from apps.archiving.capture import CaptureResult
from apps.archiving.extract import extract
from apps.archiving.models import Capture, CaptureJob, JobKind, JobStatus, Outcome
from apps.archiving.services import capture_record
from apps.core.outbound import Hop
from apps.sources.models import Source

STAND_IN_HOST = "demo-stand-in.childtrace.invalid"
CONTENT_TYPE = "text/html; charset=utf-8"


def stand_in_url(source: Source) -> str:
    return f"http://{STAND_IN_HOST}/source-{source.pk}.html"


def stand_in_page(source: Source) -> bytes:
    claims = sorted({c for c in source.citations.values_list("claim", flat=True) if c})
    return render_to_string("demo/stand_in.html", {"source": source, "claims": claims}).encode()


def demo_captures_make(*, sources, user) -> int:
    """Give each of `sources` that has a URL and no capture (nor a capture waiting) a
    stand-in capture; how many were made. A source captured for real is left alone."""
    made = 0
    for source in sources.filter(url__isnull=False).order_by("pk"):
        if Capture.objects.filter(source=source).exists():
            continue
        if CaptureJob.objects.open().filter(source=source).exists():
            continue  # a real capture is queued
        if _stand_in_capture(source, user=user) is not None:
            made += 1
    return made


def _stand_in_capture(source: Source, *, user) -> Capture | None:
    now = timezone.now()
    url = stand_in_url(source)
    body = stand_in_page(source)
    job = CaptureJob.objects.create(
        source=source,
        url=source.url,
        fetch_url=url,
        kind=JobKind.STAND_IN,
        status=JobStatus.RUNNING,  # as a worker's claim leaves it
        attempts=1,
        not_before=now,
        lease_until=now + timedelta(seconds=settings.ARCHIVE_LEASE_SECONDS),
        requested_at=now,
        requested_by=user,
    )
    hop = Hop(
        url=url,
        request_line=f"GET /source-{source.pk}.html HTTP/1.1",
        request_headers=[("Host", STAND_IN_HOST), ("User-Agent", settings.ARCHIVE_USER_AGENT)],
        started_at=now,
        status=200,
        reason="OK",
        response_headers=[
            ("Content-Type", CONTENT_TYPE),
            ("Content-Length", str(len(body))),
            ("X-ChildTrace-Demo", "stand-in page bundled with the demo, not an archived copy"),
        ],
        body=body,
    )
    result = CaptureResult(
        outcome=Outcome.ARCHIVED,
        exchanges=[[hop]],
        fetched_at=now,
        extracted=extract(CONTENT_TYPE, body),
    )
    return capture_record(job=job, result=result, follow_up=False)
