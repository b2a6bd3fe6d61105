"""Checking a package offline: every file as listed, nothing added, the WARCs' own digests.

Reads only the zip: no database, no network. Each problem names the file it is about.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from apps.evidence.services import MANIFEST, OWN_FILES, SUMS, TIMESTAMP

_CHUNK = 1024 * 1024


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    files: int = 0
    captures: int = 0
    warc_records: int = 0
    manifest_sha256: str = ""
    manifest: dict = field(default_factory=dict)
    timestamp: str = ""

    @property
    def intact(self) -> bool:
        return not self.problems


def _digest(archive: zipfile.ZipFile, name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with archive.open(name) as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def verify_package(path) -> Verdict:
    """Check the package at `path` (a file name or a binary file)."""
    verdict = Verdict()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        verdict.problems.append(f"{path}: not a readable zip file ({exc})")
        return verdict
    with archive:
        try:
            _verify(archive, verdict)
        except zipfile.BadZipFile as exc:
            verdict.problems.append(f"the zip is damaged: {exc}")
    return verdict


def _verify(archive: zipfile.ZipFile, verdict: Verdict) -> None:
    names = archive.namelist()
    duplicates = sorted({name for name in names if names.count(name) > 1})
    for name in duplicates:
        verdict.problems.append(f"{name}: present more than once in the zip")
    present = set(names)
    for own in (MANIFEST, SUMS):
        if own not in present:
            verdict.problems.append(f"{own}: missing")
    if verdict.problems:
        return
    # SHA256SUMS: its manifest.json line ties the manifest to it.
    sums: dict[str, str] = {}
    for number, line in enumerate(archive.read(SUMS).decode("utf-8", "replace").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            verdict.problems.append(f"{SUMS}: line {number} is not '<sha256>  <file>'")
            continue
        sums[name] = digest
    manifest_bytes = archive.read(MANIFEST)
    verdict.manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
    if sums.get(MANIFEST) != verdict.manifest_sha256:
        verdict.problems.append(f"{MANIFEST}: its SHA-256 is not the one in {SUMS}")
    try:
        manifest = json.loads(manifest_bytes)
        listed = {item["path"]: item for item in manifest["files"]}
    except (ValueError, KeyError, TypeError) as exc:
        verdict.problems.append(f"{MANIFEST}: not a package manifest ({exc})")
        return
    verdict.manifest = manifest
    verdict.files = len(listed)
    # Every listed file: present, with its hash and size.
    for name, item in listed.items():
        if name not in present:
            verdict.problems.append(f"{name}: listed in the manifest but missing")
            continue
        digest, size = _digest(archive, name)
        if digest != item.get("sha256") or size != item.get("size"):
            verdict.problems.append(
                f"{name}: changed (SHA-256 {digest}, {size} bytes; the manifest says "
                f"{item.get('sha256')}, {item.get('size')} bytes)"
            )
        if sums.get(name) != item.get("sha256"):
            verdict.problems.append(f"{name}: {SUMS} and {MANIFEST} disagree on its SHA-256")
    for name in sorted(present - set(listed) - set(OWN_FILES)):
        verdict.problems.append(f"{name}: not listed in the manifest (added)")
    for name in sorted(set(sums) - set(listed) - set(OWN_FILES)):
        verdict.problems.append(f"{name}: in {SUMS} but not in the manifest")
    if TIMESTAMP in present:
        _verify_timestamp(archive, manifest_bytes, sums, verdict)
    _verify_captures(archive, manifest, present, verdict)


def _verify_timestamp(archive, manifest_bytes: bytes, sums: dict, verdict: Verdict) -> None:
    from apps.evidence import tsa

    token = archive.read(TIMESTAMP)
    if sums.get(TIMESTAMP) != hashlib.sha256(token).hexdigest():
        verdict.problems.append(f"{TIMESTAMP}: its SHA-256 is not the one in {SUMS}")
    problem = tsa.token_problem(token, manifest_bytes)
    if problem:
        verdict.problems.append(f"{TIMESTAMP}: {problem}")
    else:
        verdict.timestamp = tsa.token_time(token)


def _verify_captures(archive, manifest: dict, present: set[str], verdict: Verdict) -> None:
    """Each WARC: the SHA-256 recorded when the capture was made, and the payload digest
    of each of its response records; the captured payload's recorded SHA-256."""
    entries = manifest.get("captures", [])
    by_capture = {entry.get("capture"): entry for entry in entries}
    verdict.captures = len(entries)
    for entry in entries:
        warc = entry.get("warc")
        if not warc:
            continue
        if warc not in present:
            continue  # already named as missing
        digest, _ = _digest(archive, warc)
        if entry.get("warc_sha256") and digest != entry["warc_sha256"]:
            verdict.problems.append(
                f"{warc}: not the WARC recorded for capture {entry.get('capture')} "
                f"(recorded SHA-256 {entry['warc_sha256']}, found {digest})"
            )
        payloads = _warc_payloads(archive, warc, verdict)
        if payloads is None:
            continue
        held_in = entry.get("payload_in_capture")
        if held_in is not None and held_in not in by_capture:
            verdict.problems.append(
                f"{warc}: the payload of capture {entry.get('capture')} is in the WARC of "
                f"capture {held_in}, which the package does not hold"
            )
            continue
        holder = by_capture.get(held_in) or entry
        if holder is not entry:
            holder_payloads = (
                _warc_payloads(archive, holder["warc"], verdict)
                if holder.get("warc") in present
                else None
            )
            payload = (holder_payloads or {}).get(holder.get("payload_record_id"))
        else:
            payload = payloads.get(entry.get("payload_record_id"))
        if entry.get("payload_sha256") and entry.get("payload_record_id"):
            if payload is None:
                verdict.problems.append(
                    f"{warc}: the payload record of capture {entry.get('capture')} is missing"
                )
            elif payload != entry["payload_sha256"]:
                verdict.problems.append(
                    f"{warc}: the captured payload is not the one recorded for capture "
                    f"{entry.get('capture')} (recorded SHA-256 {entry['payload_sha256']}, "
                    f"found {payload})"
                )


def _warc_payloads(archive, name: str, verdict: Verdict) -> dict[str, str] | None:
    """The SHA-256 of each response record's payload, by record id, each checked against
    the record's own WARC-Payload-Digest; None when the file cannot be read as a WARC."""
    payloads: dict[str, str] = {}
    try:
        with archive.open(name) as handle:
            stream = io.BufferedReader(handle)
            for record in ArchiveIterator(stream, check_digests=False):
                if record.rec_type != "response":
                    continue
                verdict.warc_records += 1
                body = record.raw_stream.read()
                digest = hashlib.sha256(body).digest()
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                payloads[record_id] = digest.hex()
                stated = record.rec_headers.get_header("WARC-Payload-Digest") or ""
                if stated and stated != "sha256:" + base64.b32encode(digest).decode("ascii"):
                    verdict.problems.append(
                        f"{name}: the payload of record {record_id} does not match its "
                        f"WARC-Payload-Digest"
                    )
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zipfile.BadZipFile) as exc:
        verdict.problems.append(f"{name}: cannot be read as a WARC file ({exc})")
        return None
    return payloads
