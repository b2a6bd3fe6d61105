"""`make bench-api`: latency of the partner API on a synthetic database, beside the
database's own time for the same SQL.

1. Creates (once) a PostgreSQL database `childtrace_bench` with 100,000 incidents,
   250,000 child groups, 150,000 sources and their citations (benchmarks.synthetic).
2. Runs the production WSGI stack (gunicorn, one sync worker, DEBUG off) on loopback.
3. For each scenario, sends the same request sequentially as a partner (API key) and
   records wall-clock latency on the client: median and p95.
4. Runs the request once in-process to capture the exact SQL it sends, then replays
   those statements on a raw psycopg connection (execute + fetch all rows) as many
   times: the database's own time. "ratio" = API time / DB time.
5. Streams the full NDJSON export and reports incidents/s and the worker's peak RSS.

Only 127.0.0.1 is contacted. Every scenario is bounded in count and in time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import ROOT, ensure_database, machine, write_section

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/childtrace_bench"
MARK_START = "<!-- bench-api:start -->"
MARK_END = "<!-- bench-api:end -->"


@dataclass
class Result:
    name: str
    path: str
    api: list[float]
    db: list[float]
    queries: int
    rows: int

    @staticmethod
    def _p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20, method="inclusive")[18]

    def line(self) -> str:
        api_med, api_p95 = statistics.median(self.api), self._p95(self.api)
        db_med, db_p95 = statistics.median(self.db), self._p95(self.db)
        return (
            f"| {self.name} | `{self.path}` | {len(self.api)} | {self.queries} "
            f"| {api_med * 1000:.1f} | {api_p95 * 1000:.1f} "
            f"| {db_med * 1000:.1f} | {db_p95 * 1000:.1f} | {api_med / db_med:.1f}× |"
        )


def _environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="benchmark-only-not-secret",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,testserver",
        # The benchmark is the only client; the per-key limit would measure the throttle.
        API_PARTNER_RATE="1000000/minute",
        CHILDTRACE_VAR_DIR=str(ROOT / "var" / "bench"),
    )
    return env


def _prepare(size, *, log) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from apps.cases.models import ChildGroup, Citation, Incident
    from apps.sources.models import Source

    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    if Incident.objects.exists():
        log("Using the synthetic data already in the benchmark database.")
    else:
        from benchmarks.synthetic import generate

        log("Generating the synthetic dataset (once; --regenerate starts again):")
        started = time.monotonic()
        generate(size, log=log)
        log(f"  done in {time.monotonic() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "incidents": Incident.objects.count(),
        "published incidents": Incident.objects.filter(is_published=True).count(),
        "child groups": ChildGroup.objects.count(),
        "sources": Source.objects.count(),
        "citations": Citation.objects.count(),
    }


def _partner_key() -> str:
    from apps.accounts.services import partner_key_issue
    from apps.core.services import system_user

    _, secret = partner_key_issue(
        partner="Benchmark", name=f"bench {dt.datetime.now():%Y%m%d%H%M%S}", user=system_user()
    )
    return secret


def _start_server(env: dict, port: int) -> subprocess.Popen:
    import requests

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return server
        except requests.RequestException:  # not listening yet, or still starting up
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def _worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def _captured_sql(path: str, key: str) -> tuple[list[str], bytes]:
    """Run the request in-process and return the SQL it sent (and its body)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Api-Key {key}", HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: {body[:300]!r}")
    return [q["sql"] for q in captured.captured_queries], body


def _replay(statements: list[str]) -> tuple[float, int]:
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection
    rows = 0
    started = time.perf_counter()
    with raw.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql.encode())
            if cursor.description is not None:
                rows += len(cursor.fetchall())
    return time.perf_counter() - started, rows


def _measure(name, path, *, base, key, session, count, budget) -> Result:
    statements, _ = _captured_sql(path, key)
    headers = {"Authorization": f"Api-Key {key}"}
    for _ in range(3):  # warm both caches
        session.get(base + path, headers=headers, timeout=60).raise_for_status()
        _replay(statements)
    api, db, rows = [], [], 0
    deadline = time.monotonic() + budget
    while len(api) < count and time.monotonic() < deadline:
        started = time.perf_counter()
        response = session.get(base + path, headers=headers, timeout=60)
        response.raise_for_status()
        api.append(time.perf_counter() - started)
        seconds, rows = _replay(statements)
        db.append(seconds)
    return Result(name, path, api, db, len(statements), rows)


def _export(base, key, session, worker: int) -> dict:
    path = "/api/v1/export/incidents.ndjson"
    before = _peak_rss_mb(worker)
    lines = 0
    started = time.perf_counter()
    with session.get(
        base + path, headers={"Authorization": f"Api-Key {key}"}, stream=True, timeout=900
    ) as response:
        response.raise_for_status()
        for chunk in response.iter_content(chunk_size=1 << 16):
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    peak = _peak_rss_mb(worker)
    statements, body = _captured_sql(path, key)
    if body.count(b"\n") != lines:
        raise RuntimeError("the in-process export and the HTTP export differ in length")
    db_seconds, _ = _replay(statements)
    return {
        "path": path,
        "incidents": lines,
        "seconds": seconds,
        "rate": lines / seconds,
        "rss_before": before,
        "rss_peak": peak,
        "queries": len(statements),
        "db_seconds": db_seconds,
    }


def _report(counts, results, export, machine) -> str:
    today = dt.date.today().isoformat()
    lines = [
        MARK_START,
        f"### Run of {today}",
        "",
        f"Machine: {machine}.",
        "",
        "Data: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()) + ".",
        "Client: a partner API key (published records only), one request at a time.",
        "",
        "| scenario | request | n | SQL queries | API median ms | API p95 ms "
        "| DB median ms | DB p95 ms | API/DB |",
        "|---|---|---|---|---|---|---|---|---|",
        *(r.line() for r in results),
        "",
        f"Full NDJSON export (`{export['path']}`): {export['incidents']:,} incidents in "
        f"{export['seconds']:.1f} s = **{export['rate']:,.0f} incidents/s**; "
        f"the gunicorn worker's peak RSS {export['rss_peak']:.0f} MB "
        f"({export['rss_before']:.0f} MB before the export). "
        f"Its {export['queries']} SQL queries take {export['db_seconds']:.1f} s on their own "
        f"(API/DB {export['seconds'] / export['db_seconds']:.1f}×).",
        MARK_END,
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--regenerate", action="store_true", help="drop and rebuild the data")
    parser.add_argument("--requests", type=int, default=100, help="requests per scenario")
    parser.add_argument("--budget", type=float, default=60, help="seconds per scenario at most")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-write", action="store_true", help="print, don't edit docs/")
    args = parser.parse_args()

    env = _environment(args.database_url)
    os.environ.update(env)
    ensure_database(args.database_url, recreate=args.regenerate)

    import django

    django.setup()
    import requests

    from benchmarks.synthetic import Size

    counts = _prepare(Size(), log=print)
    key = _partner_key()
    server = _start_server(env, args.port)
    try:
        base = f"http://127.0.0.1:{args.port}"
        session = requests.Session()
        scenarios = [
            ("list, 50 embedded", "/api/v1/incidents/?page_size=50"),
            (
                "list, 3 filters",
                "/api/v1/incidents/?page_size=50&destination=RU-ROS"
                "&occurred_after=2024-01-01&placement=orphanage",
            ),
            ("search", "/api/v1/incidents/?page_size=50&search=Mariupol%20orphanage"),
            ("stats, total", "/api/v1/statistics/children/"),
            ("stats by destination", "/api/v1/statistics/children/?by=destination"),
            ("stats by year", "/api/v1/statistics/children/?by=year"),
            (
                "stats by destination, filtered",
                "/api/v1/statistics/children/?by=destination&origin=UA-14",
            ),
        ]
        results = []
        for name, path in scenarios:
            print(f"- {name}: {path}", flush=True)
            result = _measure(
                name,
                path,
                base=base,
                key=key,
                session=session,
                count=args.requests,
                budget=args.budget,
            )
            print("  " + result.line(), flush=True)
            results.append(result)
        print("- full NDJSON export", flush=True)
        export = _export(base, key, session, _worker_pid(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = _report(counts, results, export, machine())
    print(report)
    if not args.no_write:
        heading = "## API (`make bench-api`)"
        path = write_section(report, start=MARK_START, end=MARK_END, heading=heading)
        print(f"Written to {path}")


if __name__ == "__main__":
    main()
