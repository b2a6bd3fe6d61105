"""Backup and restore, end to end: records with their history and captures with WARC
files made by the real archiver, backed up, restored into a fresh database and a fresh
capture folder by `manage.py restore` in its own process, and compared row by row and
hash by hash. Runs on the suite's database: PostgreSQL (pg_dump / pg_restore) or SQLite
(its online backup API)."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from apps.archiving.models import Capture, Outcome
from apps.archiving.services import capture_job_run
from apps.cases.services import incident_save
from tests.archiving.helpers import new_source, open_job
from tests.factories import ChildGroupFactory, CitationFactory, IncidentFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
PAGE = "<html><head><title>Artek</title></head><body><p>{} children arrived.</p></body></html>"


@pytest.fixture
def archive_dir(settings, tmp_path) -> Path:
    folder = tmp_path / "archive"
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder


@pytest.fixture
def evidence(site, archive_dir, user):
    """Incidents with groups and citations, edited once (two history rows), citing
    sources captured by the archiver: three pages, two of them the same payload (a
    revisit record), a 404 (failed, with its WARC) and a refused address (no file)."""
    sources = [
        new_source(site.page("/a", PAGE.format(46)), user=user),
        new_source(site.page("/b", PAGE.format(12)), user=user),
        new_source(site.page("/b-copy", PAGE.format(12)), user=user),
        new_source(site.url("/missing"), user=user),
        new_source("http://10.0.0.1/report", user=user),
    ]
    for source in sources:
        capture_job_run(job_id=open_job(source).pk)
    for source in sources[:2]:
        incident = IncidentFactory()
        ChildGroupFactory(incident=incident)
        CitationFactory(incident=incident, source=source)
        incident.title = f"{incident.title} (corrected)"
        incident_save(incident=incident, user=user)
    assert Capture.objects.filter(outcome=Outcome.ARCHIVED).exclude(warc="").count() == 3
    assert Capture.objects.filter(outcome=Outcome.FAILED).exclude(warc="").count() == 1
    assert Capture.objects.filter(outcome=Outcome.BLOCKED, warc="").count() == 1
    return sources


@pytest.fixture
def empty_database(tmp_path):
    """A fresh, empty database of the suite's kind, as DATABASE_URL, and a way to read it."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore"
    server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}
    if db.get("PASSWORD"):
        server["password"] = db["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    url = f"postgres://{db['USER']}{password}@{server['host']}:{server['port']}/{name}"
    yield url, lambda: psycopg.connect(dbname=name, **server)
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _this_database():
    if connection.vendor == "sqlite":
        return sqlite3.connect(connection.settings_dict["NAME"])
    import psycopg

    db = connection.settings_dict
    return psycopg.connect(
        dbname=db["NAME"],
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db.get("PASSWORD") or None,
    )


def _tables() -> list[str]:
    """Every table of every model: records, their history, users, permissions."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables)


def _contents(open_database) -> dict[str, list[tuple]]:
    db = open_database()
    try:
        return {
            # Sorted here: a history table's first column (the record's id) repeats.
            table: sorted((tuple(row) for row in db.execute(f'SELECT * FROM "{table}"')), key=repr)
            for table in _tables()
        }
    finally:
        db.close()


def _restore(backup: Path, *, database_url: str, archive: Path):
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "ARCHIVE_STORAGE_URL": archive.as_uri(),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_restores_into_an_empty_database_with_every_record_history_and_capture(
    evidence, archive_dir, empty_database, tmp_path
):
    database_url, open_restored = empty_database
    call_command("backup", output=tmp_path / "backups")
    [backup] = (tmp_path / "backups").iterdir()
    manifest = json.loads((backup / "manifest.json").read_text())
    warcs = {c.warc: c.warc_sha256 for c in Capture.objects.exclude(warc="")}
    assert {f["name"]: f["sha256"] for f in manifest["archive"]["files"]} == warcs
    assert manifest["captures"] == {"checked": 4, "problems": []}

    # A file of another content under a capture's name in the target storage: refused,
    # and nothing restored.
    restored_archive = tmp_path / "restored-archive"
    squatter = restored_archive / next(iter(warcs))
    squatter.parent.mkdir(parents=True)
    squatter.write_bytes(b"not the evidence")
    refused = _restore(backup, database_url=database_url, archive=restored_archive)
    assert refused.returncode == 1
    assert "with other contents than the backup's; nothing was restored" in refused.stderr
    db = open_restored()
    try:
        if connection.vendor == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
        else:
            query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        assert list(db.execute(query)) == []
    finally:
        db.close()
    squatter.unlink()

    done = _restore(backup, database_url=database_url, archive=restored_archive)
    assert done.returncode == 0, done.stderr
    assert "Restore complete: every hash matches." in done.stdout

    original, restored = _contents(_this_database), _contents(open_restored)
    assert restored == original
    assert len(restored["cases_historicalincident"]) >= 4  # created, then corrected
    assert len(restored["archiving_capture"]) == 5
    db = open_restored()
    try:
        files = list(db.execute("SELECT warc, warc_sha256 FROM archiving_capture"))
    finally:
        db.close()
    assert len([warc for warc, _ in files if warc]) == 4
    for warc, sha256 in files:
        if warc:
            restored_file = restored_archive / warc
            assert _sha256(restored_file) == sha256
            assert restored_file.read_bytes() == (archive_dir / warc).read_bytes()
    if connection.vendor == "postgresql":  # new rows continue the ids, not collide
        sequences = "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
        with _this_database() as here, open_restored() as there:
            assert list(there.execute(sequences)) == list(here.execute(sequences))

    again = _restore(backup, database_url=database_url, archive=restored_archive)
    assert again.returncode == 1
    assert "is not empty" in again.stderr and "--replace" in again.stderr


def test_a_damaged_backup_is_refused_before_anything_is_restored(evidence, tmp_path):
    call_command("backup", output=tmp_path / "backups")
    [backup] = (tmp_path / "backups").iterdir()
    warc = next((backup / "archive").rglob("*.warc.gz"))
    data = bytearray(warc.read_bytes())
    data[len(data) // 2] ^= 1
    warc.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="damaged; nothing was restored") as refused:
        call_command("restore", backup)
    assert "does not match its SHA-256 in the manifest" in str(refused.value)


def test_a_backup_names_a_capture_whose_file_no_longer_matches_its_hash(
    evidence, archive_dir, tmp_path
):
    capture = Capture.objects.exclude(warc="").order_by("pk").first()
    (archive_dir / capture.warc).write_bytes(b"changed after the capture")
    with pytest.raises(CommandError, match="1 capture") as failed:
        call_command("backup", output=tmp_path / "backups")
    assert f"capture {capture.pk}: its WARC file {capture.warc} has SHA-256" in str(failed.value)
    [backup] = (tmp_path / "backups").iterdir()  # written all the same, problem noted
    manifest = json.loads((backup / "manifest.json").read_text())
    assert len(manifest["captures"]["problems"]) == 1
