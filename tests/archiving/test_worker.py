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


class Celery:
    """Real Celery processes (workers, and beat when asked) on a queue of the test's own,
    sharing the test's database, the local site and a folder of captures."""

    def __init__(self, *, broker: str, queue: str, site, archive_dir: Path, logs: Path):
        self.queue, self.logs = queue, logs
        self.started: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": broker,
            "ARCHIVE_QUEUE": queue,  # where beat sends the sweep, and the sweep the jobs
            "ARCHIVE_STORAGE_URL": archive_dir.as_uri(),
            "ARCHIVE_ALLOW_LOOPBACK": site.netloc,
            "ARCHIVE_HOST_INTERVAL": "0",
            "ARCHIVE_DISPATCH": "true",
        }

    def _start(self, name: str, args: list[str], env_changes: dict) -> subprocess.Popen:
        log = self.logs / f"{name}-{len(self.started)}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.guarded_celery", "-A", "config", *args],
            cwd=ROOT,
            env={**self.env, **env_changes},
            stdout=subprocess.DEVNULL,
            stderr=open(log, "wb"),  # noqa: SIM115
            start_new_session=True,  # its own process group: kill -9 takes all of it
        )
        process.log = log
        self.started.append(process)
        return process

    def worker(self, **env_changes) -> subprocess.Popen:
        return self._start(
            "worker",
            [
                "worker",
                "-Q",
                self.queue,
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname=test-{uuid.uuid4().hex[:8]}@%h",
            ],
            env_changes,
        )

    def ready_worker(self, **env_changes) -> subprocess.Popen:
        """A worker that has connected to the broker and waits for messages."""
        process = self.worker(**env_changes)
        wait_for(
            lambda: b" ready." in process.log.read_bytes(),
            timeout=60,
            what="a worker to be ready",
            logs=self.logs,
        )
        return process

    def beat(self, **env_changes) -> subprocess.Popen:
        """Celery beat with the product's schedule (the sweep every ARCHIVE_SWEEP_SECONDS)."""
        return self._start(
            "beat",
            [
                "beat",
                "--loglevel=INFO",
                f"--schedule={self.logs / 'beat-schedule'}",
                f"--pidfile={self.logs / 'beat.pid'}",
            ],
            env_changes,
        )

    def stop(self) -> None:
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)


@pytest.fixture
def celery(broker, site, settings, tmp_path):
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
    processes = Celery(
        broker=broker, queue=queue, site=site, archive_dir=archive_dir, logs=tmp_path
    )
    yield processes
    processes.stop()
    _forget_queue(redis.Redis.from_url(broker), queue)


@pytest.fixture
def workers(celery):
    """Start a real worker: `workers(**environment)`."""
    return celery.worker


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
            f"--- {p.name}\n" + p.read_text(errors="replace")[-3000:]
            for p in sorted(logs.glob("*.log"))
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


# Short leases for the tests; production: a lease of 90 s renewed every 30 s, and the
# sweep every 30 s (docs/archiving.md). A hanging answer waits longer than any kill takes.
SHORT = {"ARCHIVE_LEASE_SECONDS": "3", "ARCHIVE_SWEEP_SECONDS": "1", "ARCHIVE_READ_TIMEOUT": "120"}
HANGS = Answer(body=PAGE.encode(), delay=90)


def _warc_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.warc.gz"))


def _kill_the_worker_at_each_fetch(celery, site, path: str, source, *, kills: int, env, logs):
    """Start a worker; at each fetch of `path`, start a standby (as a supervisor restarts
    a dead worker) and kill the fetching worker, all of it, with SIGKILL (as an
    out-of-memory kill does). When the last kill happened, and how long after each
    earlier kill the job was fetched again."""
    running = celery.worker(**env)
    killed_at, taken_again_after = None, []
    for kill in range(1, kills + 1):
        wait_for(lambda n=kill: site.hits[path] == n, timeout=60, what=f"fetch {kill}", logs=logs)
        if killed_at is not None:
            taken_again_after.append(time.monotonic() - killed_at)
        standby = celery.ready_worker(**env)
        os.killpg(running.pid, signal.SIGKILL)
        running.wait(10)
        killed_at = time.monotonic()
        assert not Capture.objects.filter(source=source).exists()
        running = standby
    return killed_at, taken_again_after


def test_a_worker_killed_again_and_again_mid_capture_loses_nothing_and_doubles_nothing(
    celery, site, tmp_path
):
    # Three answers hang, to kill the worker while it waits; the fourth comes.
    path = "/statement"
    site.answers[path] = [HANGS] * 3 + [Answer(body=PAGE.encode())]
    env = {**SHORT, "ARCHIVE_MAX_CRASHES": "5"}
    celery.beat(**env)
    source = new_source(site.url(path))
    killed_at, taken_again_after = _kill_the_worker_at_each_fetch(
        celery, site, path, source, kills=3, env=env, logs=tmp_path
    )
    wait_for(lambda: site.hits[path] == 4, timeout=60, what="the last fetch", logs=tmp_path)
    taken_again_after.append(time.monotonic() - killed_at)

    capture = wait_for(
        lambda: Capture.objects.filter(source=source).first(),
        timeout=60,
        what="the capture after the kills",
        logs=tmp_path,
    )
    assert capture.outcome == Outcome.ARCHIVED
    # Taken again once the dead worker's lease (3 s) ran out, at the next sweep (1 s):
    # not after the broker's hour, nor after a lease of the old 15 minutes.
    assert all(seconds < 15 for seconds in taken_again_after), taken_again_after
    time.sleep(3)  # a few more sweeps: nothing more happens to a finished job
    job = CaptureJob.objects.get(source=source)
    assert (job.status, job.attempts, job.crashes) == (JobStatus.DONE, 4, 3)
    assert Capture.objects.filter(source=source).count() == 1
    assert site.hits[path] == 4
    assert [path.name for path in _warc_files(tmp_path / "archive")] == [Path(capture.warc).name]


def test_a_page_that_stops_its_worker_every_time_ends_failed_with_the_reason(
    celery, site, tmp_path
):
    path = "/poison"
    site.answers[path] = HANGS
    env = {**SHORT, "ARCHIVE_MAX_CRASHES": "3"}
    celery.beat(**env)
    source = new_source(site.url(path))
    _kill_the_worker_at_each_fetch(celery, site, path, source, kills=3, env=env, logs=tmp_path)

    capture = wait_for(
        lambda: Capture.objects.filter(source=source).first(),
        timeout=60,
        what="the job to end",
        logs=tmp_path,
    )
    reason = "the worker stopped during this capture 3 times; not retried"
    assert (capture.outcome, capture.error) == (Outcome.FAILED, reason)
    job = CaptureJob.objects.get(source=source)
    assert (job.status, job.crashes, job.last_error) == (JobStatus.DONE, 3, reason)
    time.sleep(3)
    assert site.hits[path] == 3  # never fetched a fourth time
    assert Capture.objects.filter(source=source).count() == 1
    assert _warc_files(tmp_path / "archive") == []


def test_a_live_worker_keeps_a_job_that_outlasts_its_lease(celery, site, tmp_path):
    # The page takes 8 s, four leases of 2 s; a second worker waits and the sweep runs
    # every second. The running worker renews its lease, so nobody takes the job.
    path = "/slow"
    site.answers[path] = Answer(body=PAGE.encode(), delay=8)
    env = {"ARCHIVE_LEASE_SECONDS": "2", "ARCHIVE_SWEEP_SECONDS": "1"}
    celery.beat(**env)
    celery.ready_worker(**env)
    celery.ready_worker(**env)
    source = new_source(site.url(path))
    capture = wait_for(
        lambda: Capture.objects.filter(source=source).first(),
        timeout=60,
        what="the capture",
        logs=tmp_path,
    )
    assert capture.outcome == Outcome.ARCHIVED
    job = CaptureJob.objects.get(source=source)
    assert (job.attempts, job.crashes, site.hits[path]) == (1, 0, 1)
