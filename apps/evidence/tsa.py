"""Optional RFC 3161 timestamps of a package's manifest, with Trail of Bits'
rfc3161-client: asked of the authority at EVIDENCE_TSA_URL when one is configured, and
checked (the token's message imprint against manifest.json) by verify_package.

A timestamp proves that the manifest, and so every file it lists, existed no later than
the time the authority signed. The request carries only the manifest's SHA-512.
"""

from __future__ import annotations

import hashlib

import requests
from django.conf import settings
from rfc3161_client import (
    HashAlgorithm,
    PKIStatus,
    TimestampRequestBuilder,
    decode_timestamp_response,
)

_HASHES = {
    "2.16.840.1.101.3.4.2.1": hashlib.sha256,
    "2.16.840.1.101.3.4.2.2": hashlib.sha384,
    "2.16.840.1.101.3.4.2.3": hashlib.sha512,
}


class TimestampError(Exception):
    pass


def timestamp(data: bytes) -> bytes:
    """The authority's TimeStampResp (DER) over `data`, checked: granted, our nonce,
    our imprint."""
    request = TimestampRequestBuilder().data(data).hash_algorithm(HashAlgorithm.SHA512).build()
    try:
        answer = requests.post(
            settings.EVIDENCE_TSA_URL,
            data=request.as_bytes(),
            headers={"Content-Type": "application/timestamp-query"},
            timeout=settings.EVIDENCE_TSA_TIMEOUT,
        )
        answer.raise_for_status()
    except requests.RequestException as exc:
        raise TimestampError(
            f"the timestamp authority {settings.EVIDENCE_TSA_URL} did not answer: {exc}"
        ) from exc
    token = answer.content
    problem = token_problem(token, data)
    if problem is None and decode_timestamp_response(token).tst_info.nonce != request.nonce:
        problem = "the timestamp answers another request (nonce differs)"
    if problem:
        raise TimestampError(f"the timestamp authority's answer is not usable: {problem}")
    return token


def token_problem(token: bytes, data: bytes) -> str | None:
    """Why `token` is not a granted timestamp of `data`; None when it is. (The
    authority's signature is checked with its certificate: `openssl ts -verify`.)"""
    try:
        response = decode_timestamp_response(token)
    except ValueError as exc:
        return f"not a timestamp response ({exc})"
    if response.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        return f"the authority refused (status {response.status})"
    imprint = response.tst_info.message_imprint
    digest = _HASHES.get(imprint.hash_algorithm.dotted_string)
    if digest is None:
        return f"unknown hash algorithm {imprint.hash_algorithm.dotted_string}"
    if imprint.message != digest(data).digest():
        return "its message imprint is not the hash of manifest.json"
    return None


def token_time(token: bytes) -> str:
    return decode_timestamp_response(token).tst_info.gen_time.isoformat()
