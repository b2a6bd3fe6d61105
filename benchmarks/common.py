"""What the benchmarks share: a scratch PostgreSQL database, the machine's description,
and writing a result section into docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def ensure_database(database_url: str, *, recreate: bool) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and recreate:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def machine() -> str:
    from django.db import connection

    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1024 / 1024:.0f} GiB RAM, "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"PostgreSQL {pg.split()[0]} on the same machine (default settings)"
    )


def write_section(report: str, *, start: str, end: str, heading: str) -> Path:
    """Replace the section between the markers in docs/benchmarks.md, or append it."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if start in text:
        head, rest = text.split(start, 1)
        tail = rest.split(end, 1)[1]
        text = head + report + tail
    else:
        text = text.rstrip() + f"\n\n{heading}\n\n" + report + "\n"
    path.write_text(text)
    return path
