"""URL normalization: the one function that decides when two citations are one Source.

Reports cite URLs in forms a browser would not open: hosts written as "ria dot ru" to
keep the link from being live, Markdown escapes (MID\\_Russia), tracking parameters
that differ on every copy (utm_*, ysclid). The normalized form undoes those, lowercases
what is case-insensitive, and nothing else: a path is never guessed at.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


class InvalidURL(ValueError):
    """The text is not a web address this database can cite."""


_DEOBFUSCATIONS = [
    (re.compile(r"\s+dot\s+", re.IGNORECASE), "."),
    (re.compile(r"\[\.\]|\(\.\)|\[dot\]|\(dot\)", re.IGNORECASE), "."),
    (re.compile(r"^hxxp(s?)://", re.IGNORECASE), r"http\1://"),
]
_TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|ysclid|yclid|fbclid|gclid|gbraid|wbraid|mc_cid|mc_eid|igshid|_openstat)$",
    re.IGNORECASE,
)
TELEGRAM_HOSTS = {"t.me", "telegram.me", "telegram.dog", "www.t.me"}


def normalize_url(raw: str) -> str:
    """The canonical form of a cited URL, or InvalidURL with the reason in words."""
    text = (raw or "").strip().strip("<>").replace("\\_", "_")
    if not text:
        raise InvalidURL("The URL is empty.")
    for pattern, replacement in _DEOBFUSCATIONS:
        text = pattern.sub(replacement, text)
    if re.search(r"\s", text):
        raise InvalidURL(f"A URL cannot contain spaces: {raw!r}.")
    if "://" not in text:
        other_scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):(?!\d)", text)
        if other_scheme:  # mailto:, javascript:, data: ... (host:port is not a scheme)
            raise InvalidURL(
                f"Only http and https addresses can be cited, not {other_scheme.group(1)}:."
            )
        text = f"https://{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"{raw!r} is not a valid URL ({exc}).") from exc
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise InvalidURL(f"Only http and https addresses can be cited, not {scheme}:.")
    host = (parts.hostname or "").rstrip(".")
    if not host or ("." not in host and host != "localhost"):
        raise InvalidURL(f"{raw!r} has no host name.")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise InvalidURL(f"The host name in {raw!r} is not valid.") from exc
    if parts.username or parts.password:
        raise InvalidURL("A cited URL must not carry a user name or password.")
    netloc = (
        host
        if port is None or (scheme, port) in {("http", 80), ("https", 443)}
        else (f"{host}:{port}")
    )
    path = parts.path or "/"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        ],
        doseq=True,
    )
    if host in TELEGRAM_HOSTS:
        return _normalize_telegram(path, query)
    return urlunsplit((scheme, netloc, path, query, ""))


def _normalize_telegram(path: str, query: str) -> str:
    # t.me/s/<channel>/<post> is the web preview of t.me/<channel>/<post>; channel
    # names are case-insensitive. "?single" and similar view options are dropped.
    segments = [s for s in path.split("/") if s]
    if segments and segments[0] == "s":
        segments = segments[1:]
    if segments:
        segments[0] = segments[0].lower()
    return "https://t.me/" + "/".join(segments)


def telegram_post(url: str) -> tuple[str, int] | None:
    """(channel, post number) for a normalized t.me post URL, else None."""
    match = re.fullmatch(r"https://t\.me/([a-z0-9_]{4,})/(\d+)", url)
    return (match.group(1), int(match.group(2))) if match else None
