"""One capture: fetch a URL through the outbound guard and judge what came back.

This module does no database writes; `services.capture_job_run` records the result.
"""

from __future__ import annotations

import email.utils
import platform
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from django.conf import settings

from apps.archiving.extract import (
    Extracted,
    extract,
    is_html,
    joined_errors,
    reason_of,
    telegram_post,
    telegram_preview_url,
)
from apps.archiving.models import JobKind, Outcome
from apps.core.outbound import REDIRECT_STATUSES, FetchError, FetchPolicy, Hop, fetch

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523, 524})
GONE_STATUSES = frozenset({404, 410, 451})


@cache
def worker_version() -> str:
    """This software and the libraries that shape a capture, with their versions."""
    packages = ("requests", "requests-hardened", "urllib3", "warcio", "trafilatura")
    return " ".join(
        [f"childtrace/{_own_version()}"]
        + [f"{name}/{version(name)}" for name in packages]
        + [f"python/{platform.python_version()}"]
    )


def _own_version() -> str:
    try:
        return version("childtrace")
    except PackageNotFoundError:  # the production image runs the code from /app
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]


@dataclass
class CaptureResult:
    outcome: str
    exchanges: list[list[Hop]] = field(default_factory=list)
    error: str = ""
    retryable: bool = False
    retry_after: float | None = None
    extracted: Extracted = field(default_factory=Extracted)
    preview_url: str = ""
    fetched_at: datetime | None = None
    # An exception extraction was not written for (a bug): logged with its traceback
    # when the capture is recorded.
    extraction_failure: Exception | None = field(default=None, repr=False)

    @property
    def final(self) -> Hop | None:
        return self.exchanges[0][-1] if self.exchanges and self.exchanges[0] else None


def capture_url(
    url: str, *, kind: str, policy: FetchPolicy | None = None, normalized: str | None = None
) -> CaptureResult:
    """Fetch `url` (the URL as cited) and judge the answer. `normalized`, the source's
    identity, says what the document is (a Telegram post, whose preview is captured too)."""
    policy = policy or FetchPolicy.from_settings()
    normalized = normalized or url
    try:
        hops = fetch(url, policy=policy)
    except FetchError as exc:
        return CaptureResult(
            outcome=exc.outcome,
            exchanges=[exc.hops] if exc.hops else [],
            error=str(exc),
            retryable=exc.retryable,
            retry_after=getattr(exc, "retry_after", None),
        )
    final = hops[-1]
    result = CaptureResult(outcome=Outcome.ARCHIVED, exchanges=[hops], fetched_at=datetime.now(UTC))
    status = final.status
    answered = f"the server answered {status} {final.reason}".strip()
    if status in RETRY_STATUSES:
        result.outcome = Outcome.FAILED
        result.retryable = True
        result.retry_after = retry_after_seconds(final.header("Retry-After"))
        result.error = answered
        return result
    if kind == JobKind.RECHECK and (status in GONE_STATUSES or redirected_away(url, final.url)):
        result.outcome = Outcome.GONE
        result.error = (
            answered
            if status in GONE_STATUSES
            else f"the address now redirects away, to {final.url}"
        )
        return result
    if not 200 <= status < 300:
        result.outcome = Outcome.FAILED
        result.error = answered
        if status in REDIRECT_STATUSES:  # fetch() follows every redirect that has a target
            result.error += " without saying where to"
        return result
    content_type = final.header("Content-Type")
    if not is_html(content_type, final.body):
        result.outcome = Outcome.NOT_HTML
    result.extracted = _extracted(result, "the document", extract, content_type, final.body)
    preview = telegram_preview_url(normalized)
    if preview:
        result.preview_url = preview
        try:
            preview_hops = fetch(preview, policy=policy)
        except FetchError as exc:
            result.error = f"the Telegram preview could not be fetched: {exc}"
        else:
            result.exchanges.append(preview_hops)
            post = _extracted(
                result,
                "the Telegram preview",
                telegram_post,
                preview_hops[-1].body,
                normalized,
                preview_hops[-1].header("Content-Type"),
            )
            result.extracted = Extracted(
                title=post.title or result.extracted.title,
                text=post.text or result.extracted.text,
                posted_at=post.posted_at,
                error=joined_errors(result.extracted.error, post.error),
            )
    return result


def _extracted(
    result: CaptureResult, what: str, parse: Callable[..., Extracted], *args
) -> Extracted:
    """`parse(*args)`, which says in `Extracted.error` why a malformed document has no
    text. Any other exception is a bug in extraction; it must not lose the capture (the
    WARC is the evidence), so it is noted on the capture and kept for the log."""
    try:
        return parse(*args)
    except Exception as exc:  # a bug, not a malformed document: noted and logged
        result.extraction_failure = result.extraction_failure or exc
        name, reason = type(exc).__name__, reason_of(exc)
        return Extracted(
            error=f"reading {what} failed unexpectedly "
            f"({name if reason == name else f'{name}: {reason}'}); the worker log has the details"
        )


def retry_after_seconds(value: str) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def redirected_away(requested: str, final: str) -> bool:
    """A removed article often redirects to another site or to the site's front page."""
    if requested == final:
        return False
    before, after = urlsplit(requested), urlsplit(final)

    def site(host: str | None) -> str:
        host = (host or "").lower()
        return host[4:] if host.startswith("www.") else host

    if site(before.hostname) != site(after.hostname):
        return True
    return before.path.strip("/") != "" and after.path.strip("/") == ""
