"""WARC files of capture exchanges, written and read with warcio.

Each capture gets one gzipped WARC/1.1 file: a warcinfo record naming the software, then
a request and a response record per hop (redirects included, the Telegram preview after
the post). The payload digest of each response is SHA-256 (warcio's own default is
SHA-1). When the same payload was archived before, the final response is written as a
revisit record (profile "identical payload digest") that refers to the earlier capture,
so identical bytes are stored once.
"""

from __future__ import annotations

import base64
import hashlib
import tempfile
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from apps.core.outbound import Hop

# urllib3 has already removed the chunked framing, so the header would misdescribe the
# stored bytes; it is kept under the name web archives use for such headers.
_RENAMED_HEADERS = {"transfer-encoding": "X-Archive-Orig-Transfer-Encoding"}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def warc_digest(hex_digest: str) -> str:
    """The WARC form of a digest: 'sha256:' + base32 of the raw bytes."""
    return "sha256:" + base64.b32encode(bytes.fromhex(hex_digest)).decode("ascii")


@dataclass
class Refers:
    """Where an identical payload is already stored."""

    uri: str
    date: datetime
    record_id: str


@dataclass
class WrittenWarc:
    file: IO[bytes]
    sha256: str
    size: int
    payload_record_id: str


def write_warc(
    exchanges: list[list[Hop]], *, info: dict[str, str], refers: Refers | None = None
) -> WrittenWarc:
    """Write every hop of every exchange; the first exchange's last hop is the payload.

    Returns a temporary file positioned at 0, with the SHA-256 of the whole file.
    """
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (returned)
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record("", info))
    payload_record_id = ""
    for index, hops in enumerate(exchanges):
        for hop_index, hop in enumerate(hops):
            is_payload = index == 0 and hop_index == len(hops) - 1
            response = _response_record(writer, hop, refers=refers if is_payload else None)
            request = _request_record(writer, hop, response.rec_headers["WARC-Record-ID"])
            writer.write_record(request)
            writer.write_record(response)
            if is_payload:
                payload_record_id = response.rec_headers["WARC-Record-ID"]
    size = out.tell()
    out.seek(0)
    digest = hashlib.sha256()
    while block := out.read(1024 * 1024):
        digest.update(block)
    out.seek(0)
    return WrittenWarc(
        file=out, sha256=digest.hexdigest(), size=size, payload_record_id=payload_record_id
    )


def _warc_date(when: datetime) -> str:
    return datetime_to_iso_date(when.replace(tzinfo=None), use_micros=True)


def _request_record(writer: WARCWriter, hop: Hop, concurrent_to: str):
    headers = StatusAndHeaders(hop.request_line, hop.request_headers, is_http_request=True)
    return writer.create_warc_record(
        hop.url,
        "request",
        http_headers=headers,
        warc_headers_dict={
            "WARC-Date": _warc_date(hop.started_at),
            "WARC-Concurrent-To": concurrent_to,
        },
    )


def _response_record(writer: WARCWriter, hop: Hop, *, refers: Refers | None):
    headers = [(_RENAMED_HEADERS.get(k.lower(), k), v) for k, v in hop.response_headers]
    status_line = f"{hop.status} {hop.reason}".strip()
    http_headers = StatusAndHeaders(status_line, headers, protocol=hop.http_version)
    warc_headers = {"WARC-Date": _warc_date(hop.started_at)}
    if hop.peer_ip:
        warc_headers["WARC-IP-Address"] = hop.peer_ip
    digest = warc_digest(sha256_hex(hop.body))
    if refers is not None:
        record = writer.create_revisit_record(
            hop.url,
            digest,
            refers.uri,
            _warc_date(refers.date),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        record.rec_headers.add_header("WARC-Refers-To", refers.record_id)
        return record
    warc_headers["WARC-Payload-Digest"] = digest
    return writer.create_warc_record(
        hop.url,
        "response",
        payload=BytesIO(hop.body),
        length=len(hop.body),
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )


def read_payload(stream: IO[bytes], record_id: str) -> bytes | None:
    """The payload bytes of the response record `record_id`, as they were transferred."""
    for record in ArchiveIterator(stream):
        if record.rec_headers.get_header("WARC-Record-ID") == record_id:
            return record.raw_stream.read()
    return None
