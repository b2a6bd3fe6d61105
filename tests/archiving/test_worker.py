"""Real Celery workers on Redis: a saved source is captured, and a killed worker loses
nothing. The workers run as separate processes on the test database."""

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.core.files.storage import storages
from django.db import connection
from warcio.archiveiterator import ArchiveIterator

from apps.archiving.models import Capture, CaptureJob, JobStatus, Outcome
from apps.archiving.services import capture_sweep
from tests.archiving.helpers import new_source
from tests.support.site import Answer

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
PAGE = "<html><head><title>Camp Artek</title></head><body><p>Children arrived.</p></body></html>"


@pytest.fixture
def broker():
    url = django_settings.CELERY_BROKER_URL
    try:
        if not url.startswith("redis"):
            raise redis.ConnectionError(f"the broker is {url.split(':')[0]}, not Redis")
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CHILDTRACE_REQUIRE_WORKERS") or os.environ.get("CI"):
            pytest.fail(f"the worker tests need Redis at {url}: {exc}")
        pytest.skip(f"the worker tests need Redis (CELERY_BROKER_URL): {exc}")
    return url


@pytest.fixture
def workers(broker, site, settings, tmp_path):
    """Start real workers on a queue of this test's own, sharing the test's database,
    the local site and a folder of captures with the test process."""
    queue = f"archive-test-{uuid.uuid4().hex[:10]}"
    settings.ARCHIVE_QUEUE = queue
    settings.ARCHIVE_DISPATCH = True
    archive_dir = tmp_path / "archive"
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(archive_dir)},
        },
    }
    started: list[subprocess.Popen] = []

    def start(**env_changes) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": broker,
            "ARCHIVE_STORAGE_URL": archive_dir.as_uri(),
            "ARCHIVE_ALLOW_LOOPBACK": site.netloc,
            "ARCHIVE_HOST_INTERVAL": "0",
            "ARCHIVE_DISPATCH": "true",
            **env_changes,
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.guarded_celery",
                "-A",
                "config",
                "worker",
                "-Q",
                queue,
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"worker-{len(started)}.log", "wb"),  # noqa: SIM115
            start_new_session=True,  # its own process group: kill -9 takes all of it
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    _forget_queue(redis.Redis.from_url(broker), queue)


def _forget_queue(client: redis.Redis, queue: str) -> None:
    """Leave nothing of this test's queue in Redis: the queue, kombu's bindings of it,
    and messages a killed worker held unacknowledged."""
    for key in client.scan_iter(match=f"*{queue}*"):
        client.delete(key)
    for tag, payload in client.hgetall("unacked").items():
        if queue.encode() in payload:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
    assert not list(client.scan_iter(match=f"*{queue}*"))


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


def wait_for(predicate, *, timeout: float, what: str, logs: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.2)
    details = ""
    if logs is not None:
        details = "\n".join(
            p.read_text(errors="replace")[-3000:] for p in logs.glob("worker-*.log")
        )
    pytest.fail(f"gave up waiting for {what} after {timeout} s\n{details}")


def test_saving_a_source_gets_it_captured_by_a_real_worker(workers, site, tmp_path):
    url = site.page("/artek", PAGE)
    workers()
    source = new_source(url)  # committed: the job's id goes to Redis after commit

    capture = wait_for(
        lambda: Capture.objects.filter(source=source).first(),
        timeout=60,
        what="the capture",
        logs=tmp_path,
    )
    assert capture.outcome == Outcome.ARCHIVED
    with storages["archive"].open(capture.warc) as handle:
        warc = handle.read()
    assert hashlib.sha256(warc).hexdigest() == capture.warc_sha256
    responses = [
        (r.rec_headers["WARC-Target-URI"], r.raw_stream.read())
        for r in ArchiveIterator(io.BytesIO(warc))
        if r.rec_type == "response"
    ]
    assert responses == [(url, PAGE.encode())]
    assert hashlib.sha256(responses[0][1]).hexdigest() == capture.payload_sha256


def test_a_worker_killed_mid_capture_loses_nothing(workers, site, settings, tmp_path):
    # The first answer hangs long enough to kill the worker while it waits for it.
    site.answers["/statement"] = [Answer(body=PAGE.encode(), delay=30), Answer(body=PAGE.encode())]
    settings.ARCHIVE_LEASE_SECONDS = 3
    first = workers(ARCHIVE_LEASE_SECONDS="3")
    source = new_source(site.url("/statement"))
    job = CaptureJob.objects.get(source=source)
    wait_for(
        lambda: (
            site.hits["/statement"] == 1
            and CaptureJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).exists()
        ),
        timeout=60,
        what="the worker to take the job",
        logs=tmp_path,
    )
    os.killpg(first.pid, signal.SIGKILL)  # the whole worker, as an OOM kill or a crash
    first.wait(10)
    assert not Capture.objects.filter(source=source).exists()

    # Nothing will redeliver the message for an hour; the sweep re-sends the job once
    # its lease has run out, and a new worker finishes it.
    time.sleep(3.5)
    assert capture_sweep() == 1
    workers(ARCHIVE_LEASE_SECONDS="3")
    capture = wait_for(
        lambda: Capture.objects.filter(source=source).first(),
        timeout=60,
        what="the capture after the restart",
        logs=tmp_path,
    )
    assert capture.outcome == Outcome.ARCHIVED
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)
    assert Capture.objects.filter(source=source).count() == 1
