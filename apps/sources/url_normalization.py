"""URL normalization: the one function that decides when two citations are one Source.

Reports cite URLs in forms a browser would not open: hosts written as "ria dot ru" to
keep the link from being live, Markdown escapes (MID\\_Russia), tracking parameters
that differ on every copy (utm_*, ysclid). Undoing those is this domain's own work.

The rest is RFC 3986's syntax-based normalization (section 6.2.2), so that every
spelling of one address is one Source: scheme and host in lower case, the host in its
ASCII (IDNA) form, the default port dropped, an IPv6 literal in brackets and in its
shortest form, and one spelling per character in the path and query: characters outside
ASCII (https://ria.ru/путь, as a browser shows it) percent-encoded as UTF-8 (RFC 3987),
escapes in upper case (%D0%BF, never %d0%bf), escaped letters, digits and "-._~" decoded.
Nothing else changes: a query keeps its order and its spelling ("?flag" stays "?flag"),
and a path is never guessed at.

Two forms come out of a cited URL:

- `normalize_url`: the Source's identity (one Source per normalized URL). It also folds
  the equivalences of a site: a Telegram post is one post whether cited as t.me/s/...,
  telegram.me/..., or with a view option such as ?single.
- `url_to_fetch`: what the archiver asks the server for: the URL as cited, with only the
  report's obfuscation undone, the fragment (never sent) dropped, and spelled as the wire
  needs (as requests and urllib3 would send it). It differs from the normalized URL only
  where a server may see a difference: the tracking parameters the report cited, and a
  Telegram link's form (t.me/s/<channel>/<post> is another page than t.me/<channel>/
  <post>). The capture records both.

courlan (which trafilatura uses) was considered for the general part and not adopted:
it is written for crawl deduplication, and would change what an address means here. It
drops "?flag" and any parameter with an empty value, removes parameters such as "ref" and
"session", sorts the query, encodes ";", "+", "@" and "(" in a path (which a server may
read differently), collapses "//" in a path, leaves "%d0" and "%D0" apart, and turns the
host into Unicode.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit


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

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# What a path or a query may hold unescaped (RFC 3986: unreserved, sub-delims, ":", "@",
# "/", and "?" in a query). Anything else is percent-encoded, as UTF-8.
_ALLOWED = _UNRESERVED | frozenset("!$&'()*+,;=:@/?")
_ESCAPE_OR_CHARACTER = re.compile(r"%([0-9A-Fa-f]{2})|.", re.DOTALL)


def normalize_url(raw: str) -> str:
    """The canonical form of a cited URL, or InvalidURL with the reason in words."""
    scheme, netloc, path, query = _cited_parts(raw)
    if netloc in TELEGRAM_HOSTS:
        return _normalize_telegram(path)
    query = "&".join(
        field
        for field in query.split("&")
        if not _TRACKING_PARAMS.match(unquote_plus(field.partition("=")[0]))
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def url_to_fetch(raw: str) -> str:
    """The address the archiver fetches for a cited URL (see the module's docstring)."""
    return urlunsplit((*_cited_parts(raw), ""))


def _cited_parts(raw: str) -> tuple[str, str, str, str]:
    """Scheme, network location, path and query of a cited URL, each in its one spelling
    and with the report's obfuscation undone."""
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
    if parts.username or parts.password:
        raise InvalidURL("A cited URL must not carry a user name or password.")
    host = _host(parts.hostname or "", raw)
    netloc = (
        host
        if port is None or (scheme, port) in {("http", 80), ("https", 443)}
        else f"{host}:{port}"
    )
    return scheme, netloc, _one_spelling(parts.path) or "/", _one_spelling(parts.query)


def _host(host: str, raw: str) -> str:
    """The host in its one spelling: an IPv6 literal in brackets, a name in lower-case
    ASCII (IDNA)."""
    if ":" in host:  # only an IPv6 literal has one (urlsplit took the port and brackets)
        try:
            address = ipaddress.IPv6Address(host)
        except ValueError as exc:
            raise InvalidURL(f"The IPv6 address in {raw!r} is not valid ({exc}).") from exc
        if address.scope_id is not None:
            raise InvalidURL(f"An IPv6 address with a zone ({host}) cannot be cited.")
        if address.ipv4_mapped is not None:
            # RFC 5952's mixed notation, spelled here because Python's own changed in 3.13
            return f"[::ffff:{address.ipv4_mapped}]"
        return f"[{address.compressed}]"
    host = host.rstrip(".")
    if not host or ("." not in host and host != "localhost"):
        raise InvalidURL(f"{raw!r} has no host name.")
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise InvalidURL(f"The host name in {raw!r} is not valid.") from exc


def _one_spelling(part: str) -> str:
    """A path or query with one spelling per character (RFC 3986, 6.2.2.1 and 6.2.2.2):
    escapes in upper case, escaped unreserved characters decoded, anything a URI cannot
    hold as it is (non-ASCII text, quotes, brackets ...) percent-encoded as UTF-8, and a
    "%" that starts no escape written as "%25"."""

    def spelled(match: re.Match) -> str:
        if match.group(1) is not None:
            decoded = chr(int(match.group(1), 16))
            return decoded if decoded in _UNRESERVED else f"%{match.group(1).upper()}"
        character = match.group(0)
        if character in _ALLOWED:
            return character
        return "".join(f"%{byte:02X}" for byte in character.encode("utf-8", "surrogatepass"))

    return _ESCAPE_OR_CHARACTER.sub(spelled, part)


def _normalize_telegram(path: str) -> str:
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
