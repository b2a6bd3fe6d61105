"""Writes of the archiving app: asking for captures, running jobs, recording results.

The job row is the truth, Celery the transport. Asking for a capture writes a job in the
caller's transaction and sends its id after commit; a lost message is sent again by the
sweep, a dead worker's job is taken again when its lease runs out (a live worker renews
it: `leases.py`), a job that two workers ran is recorded once, and a job that stopped its
worker `ARCHIVE_MAX_CRASHES` times is recorded as failed instead of tried again.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import random
from collections.abc import Iterable, Iterator
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from apps.archiving.capture import CaptureResult, capture_url, worker_version
from apps.archiving.leases import lease_end, lease_kept
from apps.archiving.models import (
    SAVED_OUTCOMES,
    Capture,
    CaptureJob,
    HostSlot,
    JobKind,
    JobStatus,
    Outcome,
)
from apps.archiving.selectors import capture_latest_saved
from apps.archiving.warc import Refers, sha256_hex, write_warc
from apps.core.history import history_write
from apps.core.services import system_user
from apps.sources.models import Availability, Source
from apps.sources.services import source_mark_online, source_mark_removed
from apps.sources.url_normalization import InvalidURL, normalize_url

logger = logging.getLogger(__name__)

_paused = contextvars.ContextVar("archiving_paused", default=False)


@contextlib.contextmanager
def capture_on_save_paused() -> Iterator[None]:
    """Sources saved inside this block are not queued (the demo loader, unless asked)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def capture_on_save(*, source: Source) -> CaptureJob | None:
    """Called for every saved source: queue a capture of a URL not asked for before."""
    if _paused.get() or not source.url:
        return None
    asked = CaptureJob.objects.filter(source=source).values_list("url", flat=True)
    if any(_same_address(url, source.url) for url in asked):
        return None
    return capture_request(source=source, user=source.updated_by, kind=JobKind.FIRST)


def _same_address(asked: str, normalized: str) -> bool:
    """Whether a job's URL is the source's: compared in today's normalized form, so a
    job written before the normalization changed still counts."""
    try:
        return normalize_url(asked) == normalized
    except InvalidURL:
        return asked == normalized


def capture_request(*, source: Source, user=None, kind: str = JobKind.AGAIN) -> CaptureJob | None:
    """Queue a capture of the source's URL; an open job for it is reused, not doubled.
    None, as for a source without a URL, when the source is deleted: a deleted source is
    not fetched (its queued jobs were closed when it was deleted); restore it first."""
    if not source.url or source.deleted_at is not None:
        return None
    open_job = CaptureJob.objects.open().filter(source=source).first()
    if open_job is not None:
        wanted = (source.url, source.url_to_fetch)
        if (open_job.url, open_job.fetch_url) != wanted and open_job.status == JobStatus.PENDING:
            open_job.url, open_job.fetch_url = wanted
            open_job._history_user = user if getattr(user, "is_authenticated", False) else None
            open_job.save(update_fields=["url", "fetch_url"])
        return open_job
    now = timezone.now()
    try:
        with transaction.atomic():
            job = CaptureJob(
                source=source,
                url=source.url,
                fetch_url=source.url_to_fetch,
                kind=kind,
                not_before=now,
                requested_at=now,
                requested_by=user if getattr(user, "is_authenticated", False) else None,
            )
            job._history_user = job.requested_by
            job.save(force_insert=True)
    except IntegrityError:  # another request made the open job a moment ago
        return CaptureJob.objects.open().filter(source=source).first()
    transaction.on_commit(partial(capture_dispatch, job_id=job.pk))
    return job


def capture_request_many(*, sources: Iterable[Source], user=None, kind: str = JobKind.AGAIN) -> int:
    """Queue captures for many sources at once; how many were queued (or already were).
    Sources without a URL, and deleted ones, are skipped."""
    with transaction.atomic():
        return sum(1 for source in sources if capture_request(source=source, user=user, kind=kind))


SOURCE_DELETED_NOTE = (
    "Not captured: the source was deleted. Restore it and ask for a capture again."
)


def _job_close_unrun(job: CaptureJob, *, user, note: str) -> None:
    """Close an open job without a capture, saying why (its history names `user`)."""
    job.status = JobStatus.DONE
    job.lease_until = None
    job.finished_at = timezone.now()
    job.last_error = note
    job._history_user = user
    job._change_reason = "closed: source deleted"
    job.save(update_fields=["status", "lease_until", "finished_at", "last_error"])


def capture_jobs_close_for_deleted_source(*, source: Source, user) -> int:
    """Close the source's open jobs (waiting, or running: a running worker's result is
    then discarded) because the source was deleted; call it in the delete's transaction.
    Each job keeps the record of who asked for it and, in its history, who closed it.
    Returns how many were closed."""
    jobs = list(CaptureJob.objects.open().select_for_update().filter(source_id=source.pk))
    for job in jobs:
        _job_close_unrun(job, user=user, note=SOURCE_DELETED_NOTE)
    return len(jobs)


def capture_dispatch(*, job_id: int, countdown: float | None = None) -> bool:
    """Send the job's id to the workers. A broker that is down loses nothing: the job row
    waits and the sweep sends it again."""
    if not settings.ARCHIVE_DISPATCH:
        return False
    from apps.archiving.tasks import capture_job_task

    try:
        capture_job_task.apply_async(
            (job_id,),
            queue=settings.ARCHIVE_QUEUE,
            countdown=countdown,
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5},
        )
    except Exception as exc:  # kombu raises several kinds when the broker is unreachable
        logger.warning("capture job %s not sent (%s); the sweep will send it again", job_id, exc)
        return False
    return True


def _takeable(*, now, due_by) -> Q:
    """Waiting and due by `due_by`, or running with a lease that ran out before `now`."""
    return Q(status=JobStatus.PENDING, not_before__lte=due_by) | Q(
        status=JobStatus.RUNNING, lease_until__lt=now
    )


def capture_job_claim(*, job_id: int) -> CaptureJob | None:
    """Take the job if it is due, or running with an expired lease: a conditional UPDATE,
    so two workers given the same id cannot both take it. Taking a job that was still
    running counts a crash: its worker stopped without recording an outcome."""
    now = timezone.now()
    claimed = CaptureJob.objects.filter(_takeable(now=now, due_by=now), pk=job_id).update(
        status=JobStatus.RUNNING,
        lease_until=lease_end(),
        attempts=F("attempts") + 1,
        crashes=F("crashes") + Case(When(status=JobStatus.RUNNING, then=Value(1)), default=0),
    )
    if not claimed:
        return None
    job = CaptureJob.objects.select_related("source").get(pk=job_id)
    history_write([job], user=system_user(), reason=f"claimed (attempt {job.attempts})")
    return job


def host_slot_take(*, host: str, interval: float | None = None) -> float:
    """0 if a request to `host` may start now (and books the next slot), else how many
    seconds to wait. Shared by every worker through the database."""
    interval = settings.ARCHIVE_HOST_INTERVAL if interval is None else interval
    if interval <= 0 or not host:
        return 0.0
    now = timezone.now()
    HostSlot.objects.get_or_create(host=host, defaults={"next_at": now})
    if HostSlot.objects.filter(host=host, next_at__lte=now).update(
        next_at=now + timedelta(seconds=interval)
    ):
        return 0.0
    next_at = HostSlot.objects.filter(host=host).values_list("next_at", flat=True).get()
    return max(0.05, (next_at - now).total_seconds())


def retry_delay(*, attempts: int, retry_after: float | None) -> float:
    """Exponential backoff with jitter; a server's Retry-After is a floor."""
    base = settings.ARCHIVE_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    delay = min(settings.ARCHIVE_RETRY_MAX_SECONDS, base) * random.uniform(0.5, 1.5)
    if retry_after is not None:
        delay = max(delay, min(retry_after, settings.ARCHIVE_RETRY_MAX_SECONDS))
    return delay


def capture_job_run(*, job_id: int) -> str:
    """Run one job: claim it, respect the host's pace, fetch, retry or record."""
    job = capture_job_claim(job_id=job_id)
    if job is None:
        return "skipped"  # done already, not due yet, or another worker holds it
    if job.source.deleted_at is not None:
        # Asked for a moment before its source was deleted: closed here, not fetched.
        with transaction.atomic():
            locked = CaptureJob.objects.select_for_update().get(pk=job.pk)
            if locked.status == JobStatus.RUNNING and locked.attempts == job.attempts:
                _job_close_unrun(locked, user=system_user(), note=SOURCE_DELETED_NOTE)
        return "skipped"
    if job.crashes >= settings.ARCHIVE_MAX_CRASHES:
        # A page that kills or hangs its worker every time is not tried forever.
        result = CaptureResult(outcome=Outcome.FAILED, error=crashes_reason(job.crashes))
        capture = capture_record(job=job, result=result)
        return capture.outcome if capture else "skipped"
    wait = host_slot_take(host=urlsplit(job.fetch_url).hostname or "")
    if wait > 0:
        _job_release(job, delay=wait, error="", count_attempt=False)
        return "deferred"
    with lease_kept(job) as lease_lost:
        result = capture_url(job.fetch_url, kind=job.kind, normalized=job.url)
        if lease_lost.is_set():  # another worker has the job now: its result counts
            logger.warning("capture job %s: attempt %s outlived its lease", job.pk, job.attempts)
            return "skipped"
        if result.retryable and job.attempts < settings.ARCHIVE_MAX_ATTEMPTS:
            delay = retry_delay(attempts=job.attempts, retry_after=result.retry_after)
            _job_release(job, delay=delay, error=f"attempt {job.attempts}: {result.error}")
            return "retry"
        capture = capture_record(job=job, result=result)
    return capture.outcome if capture else "skipped"


def crashes_reason(crashes: int) -> str:
    times = "once" if crashes == 1 else f"{crashes} times"
    return f"the worker stopped during this capture {times}; not retried"


def _job_release(job: CaptureJob, *, delay: float, error: str, count_attempt=True) -> None:
    updated = CaptureJob.objects.filter(
        pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts
    ).update(
        status=JobStatus.PENDING,
        not_before=timezone.now() + timedelta(seconds=delay),
        lease_until=None,
        attempts=job.attempts if count_attempt else job.attempts - 1,
        **({"last_error": error} if error else {}),
    )
    if updated:
        history_write(CaptureJob.objects.filter(pk=job.pk), user=system_user(), reason="released")
        capture_dispatch(job_id=job.pk, countdown=delay)


def capture_record(
    *, job: CaptureJob, result: CaptureResult, follow_up: bool = True
) -> Capture | None:
    """Store the WARC, then record the capture and close the job in one transaction.

    `follow_up=False` leaves the source's availability as it is: for a capture that
    says nothing about the source's address (the demo's bundled stand-ins)."""
    final = result.final
    payload_sha256 = sha256_hex(final.body) if final is not None else ""
    original = None
    if result.outcome in SAVED_OUTCOMES:
        original = (
            Capture.objects.saved()
            .filter(payload_sha256=payload_sha256, payload_stored_in__isnull=True)
            .exclude(warc="")
            .order_by("pk")
            .first()
        )
    stored = _store_warc(job, result, original) if result.exchanges else None
    with transaction.atomic():
        # The source first, as deleting it does (then its jobs): a source deleted while
        # its capture ran gets no live capture, and the two cannot deadlock.
        source = Source.all_objects.select_for_update().get(pk=job.source_id)
        current = CaptureJob.objects.select_for_update().get(pk=job.pk)
        ours = current.status == JobStatus.RUNNING and current.attempts == job.attempts
        if ours and source.deleted_at is not None:
            _job_close_unrun(current, user=system_user(), note=SOURCE_DELETED_NOTE)
            ours = False
        if not ours:
            # Our lease ran out and another worker took the job (its result counts), or
            # the source was deleted meanwhile (its jobs were closed).
            logger.warning(
                "capture job %s: attempt %s finished after the job was taken by another "
                "worker or closed (source deleted); its result is discarded",
                job.pk,
                job.attempts,
            )
            if stored:
                storages["archive"].delete(stored[0])
            _extraction_logged(job, None, result)
            return None
        worker = system_user()
        capture = Capture(
            source=source,
            job=job,
            url=job.url,
            fetched_url=job.fetch_url,
            requested_at=job.requested_at,
            fetched_at=result.fetched_at or (final.started_at if final else None),
            outcome=result.outcome,
            error=result.error[:5000],
            http_status=final.status if final else None,
            final_url=final.url if final else "",
            redirect_chain=[
                {"url": hop.url, "status": hop.status, "location": hop.location}
                for hop in (result.exchanges[0] if result.exchanges else [])
            ],
            peer_ip=(final.peer_ip or None) if final else None,
            response_headers=[list(pair) for pair in final.response_headers] if final else [],
            content_type=final.header("Content-Type")[:200] if final else "",
            content_length=len(final.body) if final else None,
            payload_sha256=payload_sha256,
            payload_stored_in=original,
            warc=stored[0] if stored else "",
            warc_sha256=stored[1].sha256 if stored else "",
            warc_size=stored[1].size if stored else None,
            payload_record_id=stored[1].payload_record_id if stored else "",
            title=result.extracted.title,
            text=result.extracted.text,
            extraction_error=result.extracted.error[:5000],
            posted_at=result.extracted.posted_at,
            preview_url=result.preview_url,
            worker_version=worker_version(),
        )
        capture._history_user = worker
        capture.save(force_insert=True)
        current._history_user = worker
        current.status = JobStatus.DONE
        current.lease_until = None
        current.finished_at = timezone.now()
        if result.error:
            current.last_error = result.error[:5000]
        current.save(update_fields=["status", "lease_until", "finished_at", "last_error"])
        if follow_up:
            _source_follow_up(source, capture)
    _extraction_logged(job, capture, result)
    return capture


def _extraction_logged(job: CaptureJob, capture: Capture | None, result: CaptureResult) -> None:
    """Why a capture has no text (or only part of it); a bug with its traceback."""
    error = result.extracted.error
    if not error:
        return
    which = (
        f"capture {capture.pk}"
        if capture
        else f"job {job.pk} (discarded: another worker took the job)"
    )
    args = (which, job.source_id, job.url, error)
    if result.extraction_failure is not None:
        logger.error("%s of source %s (%s): %s", *args, exc_info=result.extraction_failure)
    else:
        logger.warning("%s of source %s (%s): %s", *args)


def _store_warc(job: CaptureJob, result: CaptureResult, original: Capture | None):
    refers = None
    if original is not None:
        refers = Refers(
            uri=original.final_url or original.fetched_url or original.url,
            date=original.taken_at,
            record_id=original.payload_record_id,
        )
    written = write_warc(
        result.exchanges,
        info={
            "software": worker_version(),
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
            "warc-format/warc-1.1/",
            "isPartOf": f"ChildTrace source #{job.source_id}",
            "description": f"Capture job #{job.pk}, attempt {job.attempts}, of {job.url}"
            + (f" (fetched as cited: {job.fetch_url})" if job.fetch_url != job.url else ""),
            "http-header-user-agent": settings.ARCHIVE_USER_AGENT,
        },
        refers=refers,
    )
    now = timezone.now()
    name = f"warc/{now:%Y/%m/%d}/source-{job.source_id}-job-{job.pk}-{job.attempts}.warc.gz"
    with written.file:
        name = storages["archive"].save(name, File(written.file, name=name))
    return name, written


def _source_follow_up(source: Source, capture: Capture) -> None:
    worker = system_user()
    if capture.outcome == Outcome.GONE:
        earlier = capture_latest_saved(source)
        reason = capture.error
        if earlier is not None:
            reason += f"; archived copy from {earlier.taken_at:%Y-%m-%d}"
        source_mark_removed(
            source=source,
            on=(capture.fetched_at or timezone.now()).date(),
            reason=reason,
            user=worker,
        )
    elif capture.is_saved:
        source_mark_online(source=source, user=worker)


def capture_sweep() -> int:
    """Send again the jobs whose message was lost or whose worker died."""
    now = timezone.now()
    grace = timedelta(seconds=settings.ARCHIVE_SWEEP_GRACE_SECONDS)
    overdue = CaptureJob.objects.filter(_takeable(now=now, due_by=now - grace)).values_list(
        "pk", flat=True
    )[:1000]
    sent = 0
    for job_id in overdue:
        sent += capture_dispatch(job_id=job_id)
    return sent


def recheck_schedule(*, limit: int | None = None) -> int:
    """Queue a link-rot re-check of archived sources last captured long enough ago."""
    limit = settings.ARCHIVE_RECHECK_BATCH if limit is None else limit
    cutoff = timezone.now() - timedelta(days=settings.ARCHIVE_RECHECK_DAYS)
    recent = Capture.objects.filter(source=OuterRef("pk"), requested_at__gte=cutoff)
    # A demo's stand-in page says nothing of the address: it does not make a source due.
    archived = (
        Capture.objects.saved().exclude(job__kind=JobKind.STAND_IN).filter(source=OuterRef("pk"))
    )
    open_job = CaptureJob.objects.open().filter(source=OuterRef("pk"))
    due = (
        Source.objects.filter(url__isnull=False)
        .exclude(availability=Availability.REMOVED)
        .filter(Exists(archived), ~Exists(recent), ~Exists(open_job))
        .order_by("pk")[:limit]
    )
    worker = system_user()
    return capture_request_many(sources=list(due), user=worker, kind=JobKind.RECHECK)
