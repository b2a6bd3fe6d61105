"""Backup and restore: the database and the capture files, with the SHA-256 of each.

A backup is one directory, `childtrace-backup-<UTC time>`:

    manifest.json       what is in it: the database dump and its hash, every capture
                        file with its SHA-256 and size, the migrations the dump is at
    SHA256SUMS          the same hashes for `sha256sum -c` (no ChildTrace needed)
    database.dump       PostgreSQL: pg_dump's custom format (pg_restore reads it)
    database.sqlite3    SQLite: a copy made with SQLite's online backup API
    archive/...         every file of the "archive" storage (WARC files), by name

The database is dumped first and the files copied after: a capture's WARC is written
before its row commits, so every capture in the dump finds its file in the copy (files
of later captures may come along; they are harmless). The directory gets its name only
when everything is written: a half-made backup is left as `….partial`.

A restore checks the backup against its manifest before it touches anything, refuses a
target database that holds tables (unless told to replace them) and a storage file that
differs from the backup's, restores, then reads every restored file back and checks it,
and every capture's WARC, against the hashes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from apps.archiving.models import Capture

FORMAT = "childtrace-backup/1"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
ARCHIVE_DIR = "archive"
_BLOCK = 1024 * 1024


class BackupError(Exception):
    """What went wrong, in words an operator can act on."""


@dataclass
class Report:
    path: Path
    database_file: str
    files: int = 0
    bytes: int = 0
    captures: int = 0
    problems: list[str] = field(default_factory=list)


def _copy_hashed(source: IO[bytes], target: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while block := source.read(_BLOCK):
        digest.update(block)
        target.write(block)
        size += len(block)
    return digest.hexdigest(), size


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _storage_sha256(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def storage_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file in `storage`, by name, walking its folders."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from storage_names(storage, f"{folder}/{name}" if folder else name)


def _safe_name(name: str) -> str:
    """A storage name from a manifest, refused if it would leave the archive folder."""
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name:
        raise BackupError(f"the manifest names a file outside the backup: {name!r}")
    if any(p in {"", ".", ".."} for p in name.split("/")):
        raise BackupError(f"the manifest names a file outside the backup: {name!r}")
    return name


# The database -------------------------------------------------------------------------


def _vendor() -> str:
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"backups know PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def _postgres_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client tools of the server's "
            "major version or newer (Debian: apt-get install postgresql-client)"
        )
    return path


def _postgres_target() -> tuple[str, dict[str, str]]:
    """The database as a libpq connection string, and the environment with its password
    (kept out of the command line, which other users of the machine can read)."""
    from psycopg.conninfo import make_conninfo

    db = connection.settings_dict
    params = {
        "dbname": db["NAME"],
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
        "user": db.get("USER") or "",
    }
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if db.get("OPTIONS", {}).get(key):
            params[key] = db["OPTIONS"][key]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return make_conninfo(**{k: v for k, v in params.items() if v}), env


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")
    return done.stdout


def _dump_database(folder: Path) -> tuple[str, str]:
    """Write the dump into `folder`; its file name and the tool that made it."""
    if _vendor() == "postgresql":
        pg_dump = _postgres_tool("pg_dump")
        conninfo, env = _postgres_target()
        name = "database.dump"
        _run([pg_dump, "--format=custom", f"--file={folder / name}", f"--dbname={conninfo}"], env)
        return name, _run([pg_dump, "--version"], env).strip()
    name = "database.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(folder / name)
    try:
        connection.connection.backup(target)  # consistent while others write
    finally:
        target.close()
    return name, f"sqlite3 online backup (SQLite {sqlite3.sqlite_version})"


def database_tables() -> list[str]:
    return connection.introspection.table_names()


def _restore_database(path: Path, *, replace: bool, keep_owners: bool) -> None:
    if _vendor() == "postgresql":
        pg_restore = _postgres_tool("pg_restore")
        conninfo, env = _postgres_target()
        command = [pg_restore, "--exit-on-error", "--single-transaction", f"--dbname={conninfo}"]
        if replace:
            command += ["--clean", "--if-exists"]
        if not keep_owners:
            command += ["--no-owner"]
        _run([*command, str(path)], env)
        return
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)  # the whole database, replaced
    finally:
        source.close()


def _migrations() -> dict[str, str]:
    """The last migration applied of each app, as the dump holds them."""
    latest: dict[str, str] = {}
    for app, name in (
        MigrationRecorder(connection).migration_qs.order_by("id").values_list("app", "name")
    ):
        latest[app] = name
    return dict(sorted(latest.items()))


# Backup -------------------------------------------------------------------------------


def backup_create(
    *, into: Path, storage: Storage | None = None, now: datetime | None = None
) -> Report:
    """Back up the database and the archive storage into a new directory under `into`."""
    storage = storage or storages["archive"]
    now = now or datetime.now(UTC)
    name = f"childtrace-backup-{now:%Y%m%dT%H%M%SZ}"
    final = into / name
    partial = into / f"{name}.partial"
    if final.exists() or partial.exists():
        raise BackupError(f"{final} exists already")
    partial.mkdir(parents=True)

    # The captures to check are read before the dump: each is in it, with its file.
    captures = list(Capture.objects.exclude(warc="").values_list("pk", "warc", "warc_sha256"))
    migrations = _migrations()
    database_file, tool = _dump_database(partial)
    report = Report(path=final, database_file=database_file)

    files: list[dict] = []
    for stored in storage_names(storage):
        target = partial / ARCHIVE_DIR / stored
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(stored, "rb") as source, target.open("xb") as out:
            sha256, size = _copy_hashed(source, out)
        files.append({"name": stored, "sha256": sha256, "size": size})
        report.files += 1
        report.bytes += size

    by_name = {entry["name"]: entry["sha256"] for entry in files}
    report.captures = len(captures)
    report.problems = _capture_problems(captures, by_name.get)

    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat().replace("+00:00", "Z"),
        "database": {
            "vendor": connection.vendor,
            "file": database_file,
            "sha256": file_sha256(partial / database_file),
            "size": (partial / database_file).stat().st_size,
            "made_with": tool,
            "migrations": migrations,
        },
        "archive": {"folder": ARCHIVE_DIR, "files": files},
        "captures": {"checked": len(captures), "problems": report.problems},
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    sums = [f"{manifest['database']['sha256']}  {database_file}"]
    sums += [f"{entry['sha256']}  {ARCHIVE_DIR}/{entry['name']}" for entry in files]
    (partial / SUMS).write_text("\n".join(sums) + "\n")
    partial.rename(final)
    return report


def _capture_problems(captures, sha256_of: Callable[[str], str | None]) -> list[str]:
    """Captures whose WARC is missing, or whose bytes differ from the hash recorded when
    the capture was made."""
    problems = []
    for pk, warc, recorded in captures:
        found = sha256_of(warc)
        if found is None:
            problems.append(f"capture {pk}: its WARC file {warc} is missing")
        elif found != recorded:
            problems.append(
                f"capture {pk}: its WARC file {warc} has SHA-256 {found}, "
                f"but {recorded} was recorded when it was captured"
            )
    return problems


# Restore ------------------------------------------------------------------------------


def backup_read(path: Path) -> dict:
    """The backup's manifest, after checking that every file it names is there with its
    hash: nothing is restored from a damaged or incomplete backup."""
    try:
        manifest = json.loads((path / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{path} is not a backup: it has no {MANIFEST}") from None
    except ValueError as exc:
        raise BackupError(f"{path / MANIFEST} is not valid JSON: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup of another format: {manifest.get('format')!r}")
    damaged = []
    try:
        database = manifest["database"]
        missing = {"vendor", "file", "sha256"} - set(database)
        if missing:
            raise KeyError(f"database {', '.join(sorted(missing))}")
        expected = [(_safe_name(database["file"]), database["sha256"])] + [
            (f"{ARCHIVE_DIR}/{_safe_name(entry['name'])}", entry["sha256"])
            for entry in manifest["archive"]["files"]
        ]
    except (KeyError, TypeError) as exc:
        raise BackupError(f"{path / MANIFEST} is incomplete (no {exc})") from exc
    for name, sha256 in expected:
        file = path / name
        if not file.is_file():
            damaged.append(f"{name} is missing")
        elif file_sha256(file) != sha256:
            damaged.append(f"{name} does not match its SHA-256 in the manifest")
    if damaged:
        raise BackupError(
            f"the backup {path} is damaged; nothing was restored:\n  " + "\n  ".join(damaged)
        )
    return manifest


def backup_restore(
    *,
    path: Path,
    storage: Storage | None = None,
    replace: bool = False,
    keep_owners: bool = True,
) -> Report:
    """Restore the backup at `path` into this installation's database and archive
    storage, then check every restored file and capture against the hashes."""
    storage = storage or storages["archive"]
    manifest = backup_read(path)
    database = manifest["database"]
    if database["vendor"] != _vendor():
        raise BackupError(
            f"the backup is of a {database['vendor']} database; this installation uses "
            f"{connection.vendor} (DATABASE_URL)"
        )
    tables = database_tables()
    if tables and not replace:
        raise BackupError(
            f"the database {connection.settings_dict['NAME']} is not empty "
            f"({len(tables)} tables); restore into an empty database, or pass --replace "
            "to replace what the backup holds"
        )
    files = manifest["archive"]["files"]
    to_copy = []
    for entry in files:
        if not storage.exists(entry["name"]):
            to_copy.append(entry)
        elif _storage_sha256(storage, entry["name"]) != entry["sha256"]:
            # Evidence is never overwritten, not even by a backup.
            raise BackupError(
                f"the archive storage already holds {entry['name']} with other contents "
                "than the backup's; nothing was restored"
            )

    _restore_database(path / database["file"], replace=replace, keep_owners=keep_owners)
    for entry in to_copy:
        with (path / ARCHIVE_DIR / entry["name"]).open("rb") as handle:
            saved = storage.save(entry["name"], File(handle, name=entry["name"]))
        if saved != entry["name"]:
            raise BackupError(f"the storage saved {entry['name']} as {saved}")

    report = Report(path=path, database_file=database["file"])
    problems = []
    restored = {}
    for entry in files:
        try:
            restored[entry["name"]] = _storage_sha256(storage, entry["name"])
        except OSError as exc:
            problems.append(f"{entry['name']} cannot be read back after restoring: {exc}")
            continue
        if restored[entry["name"]] != entry["sha256"]:
            problems.append(f"{entry['name']} differs from the backup after restoring")
        report.files += 1
        report.bytes += entry["size"]
    captures = list(Capture.objects.exclude(warc="").values_list("pk", "warc", "warc_sha256"))
    report.captures = len(captures)
    report.problems = problems + _capture_problems(captures, restored.get)
    return report
