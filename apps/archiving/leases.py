"""A running capture job's lease, renewed while its worker is alive.

A worker that takes a job holds it for `ARCHIVE_LEASE_SECONDS`. While the capture runs
(the fetch, writing the WARC, recording it), a thread renews the lease every third of
that, so the lease runs out only when the worker stopped (killed, crashed, hung past
Celery's time limit) and the sweep can give the job to another worker within minutes.

The job's attempt number is the lease's token: a worker renews, and records its capture,
only while the job is still running at the attempt it took. A worker whose lease was
taken away stops renewing, and its late result is discarded (`services.capture_record`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from apps.archiving.models import CaptureJob, JobStatus

logger = logging.getLogger(__name__)


def lease_end():
    return timezone.now() + timedelta(seconds=settings.ARCHIVE_LEASE_SECONDS)


def capture_job_lease_renew(*, job_id: int, attempt: int) -> bool:
    """Extend the lease of a job still running at `attempt`; False if it was taken away."""
    return bool(
        CaptureJob.objects.filter(pk=job_id, status=JobStatus.RUNNING, attempts=attempt).update(
            lease_until=lease_end()
        )
    )


class _Renewer(threading.Thread):
    def __init__(self, *, job_id: int, attempt: int, every: float) -> None:
        super().__init__(name=f"lease-job-{job_id}", daemon=True)
        self.job_id, self.attempt, self.every = job_id, attempt, every
        self.stopped = threading.Event()
        self.lost = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    renewed = capture_job_lease_renew(job_id=self.job_id, attempt=self.attempt)
                except DatabaseError as exc:  # a short outage: try again at the next beat
                    logger.warning("lease of capture job %s not renewed: %s", self.job_id, exc)
                    continue
                if not renewed:  # taken away, or (a moment ago) recorded by this worker
                    self.lost.set()
                    return
        finally:
            connections.close_all()  # this thread's own connection


@contextlib.contextmanager
def lease_kept(job: CaptureJob) -> Iterator[threading.Event]:
    """Renew `job`'s lease until the block ends; yields an event set if it was lost."""
    renewer = _Renewer(
        job_id=job.pk, attempt=job.attempts, every=settings.ARCHIVE_LEASE_SECONDS / 3
    )
    renewer.start()
    try:
        yield renewer.lost
    finally:
        renewer.stopped.set()
        renewer.join()
