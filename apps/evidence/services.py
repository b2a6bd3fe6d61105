"""Building an evidence package, and recording that it was built."""

from __future__ import annotations

import hashlib
import platform
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from apps.archiving.capture import worker_version
from apps.archiving.views import downloads_captures
from apps.cases.models import Incident
from apps.core.visibility import Viewer, viewer_for, visible
from apps.evidence import package, tsa
from apps.evidence.history import history_rows
from apps.evidence.models import EvidencePackage
from apps.evidence.readme import readme_text

FORMAT = "childtrace-evidence-package/1"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
TIMESTAMP = "manifest.json.tsr"
# Files that describe the others: not listed in the manifest (SHA256SUMS lists them).
OWN_FILES = (MANIFEST, SUMS, TIMESTAMP)
_CHUNK = 1024 * 1024


class EvidencePackageError(Exception):
    """The package cannot be built as asked (unknown incidents, no permission ...)."""


@dataclass(frozen=True)
class BuiltPackage:
    record: EvidencePackage
    manifest_sha256: str
    files: int
    captures: int


def incidents_unknown(ids: Iterable[int], *, viewer: Viewer) -> list[int]:
    """The ids among `ids` that name no incident `viewer` may see."""
    wanted = set(ids)
    seen = set(
        visible(Incident.objects.filter(pk__in=wanted), viewer=viewer).values_list("pk", flat=True)
    )
    return sorted(wanted - seen)


class _Writer:
    """Writes files into the zip, keeping each one's SHA-256 and size."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.listed: list[dict] = []

    def write(self, path: str, data: bytes, *, kind: str, listed: bool = True) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self.archive.writestr(_info(path), data)
        if listed:
            self.listed.append({"path": path, "sha256": digest, "size": len(data), "kind": kind})
        return digest

    def copy(self, path: str, source: IO[bytes], *, kind: str) -> tuple[str, int]:
        digest, size = hashlib.sha256(), 0
        with self.archive.open(_info(path), "w", force_zip64=True) as target:
            while block := source.read(_CHUNK):
                digest.update(block)
                size += len(block)
                target.write(block)
        self.listed.append({"path": path, "sha256": digest.hexdigest(), "size": size, "kind": kind})
        return digest.hexdigest(), size


def _info(path: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=timezone.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def build_package(
    incidents: Iterable[int | Incident], *, by, out: IO[bytes], viewer: Viewer | None = None
) -> BuiltPackage:
    """Write the evidence package of `incidents` (ids or incidents) to `out`, a binary
    file, as `by` (seeing what `viewer` sees: by default what `by` may see); record that
    it was built. Raises EvidencePackageError, having recorded nothing, when an incident
    is unknown to the viewer or the viewer may not hold captured files."""
    viewer = viewer or viewer_for(by)
    if not downloads_captures(viewer):
        raise EvidencePackageError(
            "Evidence packages hold captured files, which are for staff accounts only."
        )
    ids = sorted({getattr(item, "pk", item) for item in incidents})
    if not ids:
        raise EvidencePackageError("Choose at least one incident.")
    unknown = incidents_unknown(ids, viewer=viewer)
    if unknown:
        raise EvidencePackageError(
            "No incident with id " + ", ".join(str(pk) for pk in unknown) + "."
        )
    built_at = timezone.now()
    contents = package.gather(ids, viewer=viewer)
    captures = package.captures_of(contents)
    capture_docs = package.capture_documents(captures)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        writer = _Writer(archive)
        writer.write("README.txt", readme_text().encode(), kind="readme")
        for name, documents in package.record_documents(contents, viewer=viewer).items():
            writer.write(f"records/{name}", package.to_json(documents), kind="records")
        capture_files = _write_captures(writer, captures, capture_docs)
        writer.write("records/captures.json", package.to_json(capture_docs), kind="records")
        for model, where in package.history_scopes(contents):
            rows = history_rows(model, where)
            if rows is not None:
                writer.write(
                    f"history/{model._meta.label_lower}.json",
                    package.to_json({"model": model._meta.label_lower, "records": rows}),
                    kind="history",
                )
        manifest = {
            "format": FORMAT,
            "built_at": built_at,
            "built_by": {
                "id": by.pk,
                "username": by.get_username(),
                "name": by.get_full_name(),
            },
            "installation": installation(),
            "software": worker_version(),
            "incidents": [
                {"id": pk, "title": title}
                for pk, title in Incident.objects.filter(pk__in=contents.incidents)
                .order_by("pk")
                .values_list("pk", "title")
            ],
            "captures": capture_files,
            "files": writer.listed,
        }
        manifest_bytes = package.to_json(manifest)
        manifest_sha256 = writer.write(MANIFEST, manifest_bytes, kind="manifest", listed=False)
        sums = [(manifest_sha256, MANIFEST)]
        token = tsa.timestamp(manifest_bytes) if settings.EVIDENCE_TSA_URL else None
        if token is not None:
            sums.append((writer.write(TIMESTAMP, token, kind="timestamp", listed=False), TIMESTAMP))
        sums += [(item["sha256"], item["path"]) for item in writer.listed]
        writer.write(
            SUMS,
            "".join(
                f"{digest}  {path}\n" for digest, path in sorted(sums, key=lambda s: s[1])
            ).encode(),
            kind="sums",
            listed=False,
        )
    size = out.tell() if out.seekable() else 0
    with transaction.atomic():
        record = EvidencePackage.objects.create(
            built_at=built_at,
            built_by=by,
            incident_ids=contents.incidents,
            manifest_sha256=manifest_sha256,
            file_count=len(writer.listed),
            capture_count=len(captures),
            size=size,
            software=worker_version()[:300],
            installation=installation()[:200],
            timestamped=token is not None,
        )
    return BuiltPackage(
        record=record,
        manifest_sha256=manifest_sha256,
        files=len(writer.listed),
        captures=len(captures),
    )


def installation() -> str:
    return settings.EVIDENCE_INSTALLATION_NAME or platform.node()


def _write_captures(writer: _Writer, captures, documents: list[dict]) -> list[dict]:
    """Each capture's WARC, byte for byte, and its extracted text; what the manifest says
    of each (where its files are, the hashes recorded when it was made)."""
    by_pk = {capture.pk: capture for capture in captures}
    listed = []
    for document in documents:
        capture = by_pk[document["id"]]
        folder = f"captures/{capture.pk}"
        entry = {
            "capture": capture.pk,
            "source": capture.source_id,
            "outcome": capture.outcome,
            "warc": None,
            "warc_sha256": capture.warc_sha256,
            "payload_sha256": capture.payload_sha256,
            "payload_record_id": capture.payload_record_id,
            "payload_in_capture": capture.payload_stored_in_id,
            "text": None,
        }
        if capture.warc:
            path = f"{folder}/{PurePosixPath(capture.warc).name}"
            try:
                handle = storages["archive"].open(capture.warc, "rb")
            except FileNotFoundError:
                raise EvidencePackageError(
                    f"The WARC file of capture {capture.pk} ({capture.warc}) is missing from "
                    "the capture storage: restore the capture files from a backup "
                    "(docs/operations.md); no package was built."
                ) from None
            with handle:
                writer.copy(path, handle, kind="warc")
            entry["warc"] = path
        if capture.text:
            entry["text"] = f"{folder}/text.txt"
            writer.write(entry["text"], capture.text.encode(), kind="text")
        listed.append(entry)
    return listed
