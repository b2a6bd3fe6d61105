"""`make bench-archive`: capture throughput of the real Celery workers beside wget.

1. Serves 500 pages from a local server on 127.0.0.1 (a separate process): HTML and
   binary files of 2 KB to 2 MB (log-uniform), 5 % slow (1 s before the answer), 5 % 404,
   5 % redirecting to another page. The same seed gives the same site every run.
2. The floor: `wget --warc-file` fetches the URL list once, sequentially (wget has no
   parallelism), writing a gzipped WARC.
3. ChildTrace: a fresh PostgreSQL database, one Celery worker with 2 processes on Redis;
   500 sources are saved and their capture jobs committed in one transaction; the clock
   runs from the commit until every job is done (WARC written, text extracted, capture
   recorded). A warm-up capture first, so worker start-up is not counted.

Only 127.0.0.1 is contacted. The run is bounded (--budget seconds for the workers).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.common import ROOT, ensure_database, machine, write_section

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/childtrace_bench_archive"
DEFAULT_BROKER = "redis://127.0.0.1:6379/14"
MARK_START = "<!-- bench-archive:start -->"
MARK_END = "<!-- bench-archive:end -->"
PARAGRAPH = (
    "Children from Kherson Oblast were moved to a camp in Crimea; the official said "
    "they would return after the summer, and their parents were not told where they were. "
)


def site_plan(count: int, seed: int = 5) -> dict[str, dict]:
    """path -> {kind, size, delay, status, location}; deterministic for a seed."""
    rng = random.Random(seed)
    plan: dict[str, dict] = {}
    for n in range(count):
        size = int(math.exp(rng.uniform(math.log(2_000), math.log(2_000_000))))
        roll = rng.random()
        entry = {"kind": "html" if rng.random() < 0.8 else "binary", "size": size}
        entry.update(status=200, delay=0.0, location="")
        if roll < 0.05:
            entry["delay"] = 1.0
        elif roll < 0.10:
            entry["status"] = 404
        elif roll < 0.15:
            entry["status"] = 302
            entry["location"] = f"/target/{n}"
            plan[f"/target/{n}"] = {**entry, "status": 200, "location": ""}
        plan[f"/page/{n}"] = entry
    return plan


def _body(path: str, entry: dict) -> tuple[bytes, str]:
    if entry["status"] == 404:
        return b"<html><title>Not found</title></html>", "text/html; charset=utf-8"
    if entry["kind"] == "binary":
        return random.Random(path).randbytes(entry["size"]), "image/jpeg"
    head = f"<html><head><title>Page {path}</title></head><body><article>".encode()
    paragraph = f"<p>{PARAGRAPH}</p>\n".encode()
    body = head + paragraph * max(1, (entry["size"] - len(head)) // len(paragraph))
    return body + b"</article></body></html>", "text/html; charset=utf-8"


def serve(port_queue, count: int) -> None:
    plan = site_plan(count)
    bodies = {path: _body(path, entry) for path, entry in plan.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            entry = plan.get(self.path)
            if entry is None:
                self.send_error(404)
                return
            if entry["delay"]:
                time.sleep(entry["delay"])
            body, content_type = bodies[self.path]
            self.send_response(entry["status"])
            if entry["location"]:
                self.send_header("Location", entry["location"])
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def run_wget(urls: list[str], workdir: Path) -> dict:
    url_file = workdir / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n")
    started = time.monotonic()
    subprocess.run(
        [
            "wget",
            "--input-file",
            str(url_file),
            "--warc-file",
            str(workdir / "wget"),
            "--output-document",
            "/dev/null",
            "--tries=1",
            "--timeout=30",
            "--quiet",
        ],
        check=False,  # wget exits 8 when some answers are 404: expected here
        timeout=1800,
    )
    seconds = time.monotonic() - started
    warc = workdir / "wget.warc.gz"
    return {"seconds": seconds, "bytes": warc.stat().st_size if warc.exists() else 0}


def _environment(database_url: str, broker: str, queue: str, port: int, store: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DJANGO_DEBUG="false",
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker,
        ARCHIVE_QUEUE=queue,
        ARCHIVE_ALLOW_LOOPBACK=f"127.0.0.1:{port}",
        ARCHIVE_HOST_INTERVAL="0",  # wget does not pace itself either
        ARCHIVE_STORAGE_URL=store.as_uri(),
        CHILDTRACE_VAR_DIR=str(ROOT / "var" / "bench"),
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_ARCHIVE_DB", DEFAULT_DB))
    parser.add_argument("--broker", default=os.environ.get("BENCH_BROKER_URL", DEFAULT_BROKER))
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--budget", type=float, default=900, help="seconds for the workers")
    parser.add_argument("--no-write", action="store_true", help="print, don't edit docs/")
    args = parser.parse_args()
    if not shutil.which("wget"):
        sys.exit("wget is needed for the comparison: apt-get install wget")

    ports: multiprocessing.Queue = multiprocessing.Queue()
    site = multiprocessing.Process(target=serve, args=(ports, args.pages), daemon=True)
    site.start()
    port = ports.get(timeout=60)
    base = f"http://127.0.0.1:{port}"
    urls = [f"{base}/page/{n}" for n in range(args.pages)]
    workdir = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    queue = f"bench-archive-{uuid.uuid4().hex[:8]}"
    env = _environment(args.database_url, args.broker, queue, port, workdir / "captures")
    os.environ.update(env)
    worker = None
    try:
        print(f"wget over {len(urls)} URLs ...", flush=True)
        wget = run_wget(urls, workdir)
        print(f"  {wget['seconds']:.1f} s", flush=True)

        ensure_database(args.database_url, recreate=True)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                queue,
                f"--concurrency={args.processes}",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
        )
        result = _run_workers(urls, base, args.budget)
        report = _report(args, wget, result, machine())
        print(report)
        if not args.no_write:
            heading = "## Archiving (`make bench-archive`)"
            path = write_section(report, start=MARK_START, end=MARK_END, heading=heading)
            print(f"Written to {path}")
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(30)
        site.terminate()
        shutil.rmtree(workdir, ignore_errors=True)
        try:
            import redis

            redis.Redis.from_url(args.broker).delete(queue)
        except Exception:
            pass


def _run_workers(urls: list[str], base: str, budget: float) -> dict:
    from django.db import transaction

    from apps.archiving.models import Capture, CaptureJob, JobKind
    from apps.archiving.services import capture_on_save_paused, capture_request_many
    from apps.core.services import system_user
    from apps.sources.models import Source
    from apps.sources.services import source_save

    user = system_user()
    # Warm-up: one capture through the whole path, so start-up is not measured.
    warm = source_save(
        source=Source(url_as_cited=f"{base}/page/0?warm-up", kind="media"), user=user
    )
    _wait(lambda: Capture.objects.filter(source=warm).exists(), 120, "the warm-up capture")

    with capture_on_save_paused():
        sources = [
            source_save(source=Source(url_as_cited=url, kind="media"), user=user) for url in urls
        ]
    started = time.monotonic()
    with transaction.atomic():
        capture_request_many(sources=sources, user=user, kind=JobKind.FIRST)
    ids = [s.pk for s in sources]
    open_jobs = CaptureJob.objects.open().filter(source_id__in=ids)
    _wait(lambda: not open_jobs.exists(), budget, "all captures")
    seconds = time.monotonic() - started
    captures = Capture.objects.filter(source_id__in=ids)
    return {
        "seconds": seconds,
        "outcomes": Counter(captures.values_list("outcome", flat=True)),
        "bytes": sum(captures.exclude(warc_size=None).values_list("warc_size", flat=True)),
        "count": captures.count(),
    }


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what} after {timeout:.0f} s")
        time.sleep(0.25)


def _report(args, wget: dict, result: dict, machine_text: str) -> str:
    pages = args.pages
    ratio = result["seconds"] / wget["seconds"]
    per_capture = result["seconds"] * args.processes / pages
    per_wget = wget["seconds"] / pages
    outcomes = ", ".join(f"{n} {k}" for k, n in sorted(result["outcomes"].items()))
    verdict = "met" if ratio <= 2 else "not met"
    return "\n".join(
        [
            MARK_START,
            f"### Run of {dt.date.today().isoformat()}",
            "",
            f"Machine: {machine_text}; Redis broker on loopback.",
            "",
            f"Site: {pages} URLs on a local server (2 KB to 2 MB, HTML and binary; 5 % slow "
            "by 1 s, 5 % 404, 5 % redirecting).",
            "",
            "| fetcher | wall time s | URLs/s | s per URL per process | WARC MB |",
            "|---|---|---|---|---|",
            f"| `wget --warc-file` (1 process, sequential) | {wget['seconds']:.1f} | "
            f"{pages / wget['seconds']:.1f} | {per_wget:.3f} | {wget['bytes'] / 1e6:.1f} |",
            f"| ChildTrace workers ({args.processes} processes) | {result['seconds']:.1f} | "
            f"{pages / result['seconds']:.1f} | {per_capture:.3f} | {result['bytes'] / 1e6:.1f} |",
            "",
            f"Workers / wget wall time: **{ratio:.2f}×** (target ≤ 2×: {verdict}). "
            f"Per-capture overhead beyond wget's own time per URL: "
            f"{(per_capture - per_wget) * 1000:.0f} ms of a worker process "
            "(claiming the job, writing the capture, extracting title and text, hashing).",
            f"Outcomes: {outcomes} ({result['count']} captures).",
            MARK_END,
        ]
    )


if __name__ == "__main__":
    main()
