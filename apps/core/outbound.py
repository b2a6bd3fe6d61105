"""The outbound-HTTP guard: the one way this application fetches an address a user typed.

The archiving workers fetch URLs that investigators paste from reports, so a URL can
point anywhere: at the cloud's metadata service, at the database, at a router. Every
fetch goes through `fetch()`, which

- accepts only http and https, on every redirect hop;
- resolves the host once and connects to that very address (requests-hardened pins the
  IP per connection, so DNS cannot answer differently between check and connect), and
  refuses loopback, private, link-local, multicast, reserved, unspecified and
  cloud-metadata addresses, again on every redirect hop;
- bounds the connect and read timeouts, the wall-clock time of the whole body, the
  body's size and the number of redirects, and names itself with a clear user agent;
- goes through the configured proxy (ARCHIVE_PROXY_URL, e.g. Tor) when there is one. The
  proxy then resolves names (socks5h), so no DNS query leaves from this machine; literal
  addresses and local names are still refused here, and the proxy is the egress filter.

Tests run a local server: ARCHIVE_ALLOW_LOOPBACK names the one loopback host:port they
may reach. Production settings refuse to start with it set.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from django.conf import settings
from requests.adapters import HTTPAdapter
from requests_hardened.ip_filter import InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# Metadata services of the big clouds; most are link-local too, named here for the reason.
_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
_LOCAL_NAME_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")


class FetchError(Exception):
    """The fetch did not produce a response worth keeping. `retryable` says if later may."""

    retryable = False
    outcome = "failed"

    def __init__(self, message: str, *, hops: list[Hop] | None = None):
        super().__init__(message)
        self.hops = hops or []


class Blocked(FetchError, requests.RequestException):
    """The address is one this application never connects to."""

    outcome = "blocked"

    def __init__(self, message: str, *, hops: list[Hop] | None = None):
        FetchError.__init__(self, message, hops=hops)


class TooLarge(FetchError):
    outcome = "too_large"


class TransientError(FetchError):
    """A timeout, a dropped connection or a 5xx/429: worth another try later."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, hops=None):
        super().__init__(message, hops=hops)
        self.retry_after = retry_after


def forbidden_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why this application must not connect to `ip`, in words; None if it may."""
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "the unspecified address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private-network address"
    if not ip.is_global:
        return "a non-public address"
    return None


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str
    connect_timeout: float
    read_timeout: float
    total_timeout: float
    max_body_bytes: int
    max_redirects: int
    proxy_url: str = ""
    allow_loopback: tuple[str, int] | None = None

    @classmethod
    def from_settings(cls) -> FetchPolicy:
        return cls(
            user_agent=settings.ARCHIVE_USER_AGENT,
            connect_timeout=settings.ARCHIVE_CONNECT_TIMEOUT,
            read_timeout=settings.ARCHIVE_READ_TIMEOUT,
            total_timeout=settings.ARCHIVE_TOTAL_TIMEOUT,
            max_body_bytes=settings.ARCHIVE_MAX_BODY_BYTES,
            max_redirects=settings.ARCHIVE_MAX_REDIRECTS,
            proxy_url=settings.ARCHIVE_PROXY_URL,
            allow_loopback=parse_loopback_allowance(settings.ARCHIVE_ALLOW_LOOPBACK),
        )


def parse_loopback_allowance(value: str) -> tuple[str, int] | None:
    """'127.0.0.1:8123' -> ('127.0.0.1', 8123); only a literal loopback IP and a port."""
    if not value:
        return None
    host, _, port = value.rpartition(":")
    ip = _literal_ip(host)
    if ip is None or not ip.is_loopback or not port.isdigit():
        raise ValueError(f"ARCHIVE_ALLOW_LOOPBACK must be a loopback IP and port, not {value!r}")
    return (str(ip), int(port))


@dataclass
class Hop:
    """One request and its response, as exchanged on the wire (body as transferred)."""

    url: str
    request_line: str
    request_headers: list[tuple[str, str]]
    started_at: datetime
    status: int = 0
    reason: str = ""
    http_version: str = "HTTP/1.1"
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    peer_ip: str = ""

    def header(self, name: str) -> str:
        name = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == name), "")

    @property
    def location(self) -> str:
        return urljoin(self.url, self.header("Location")) if self.header("Location") else ""


class _GuardAdapter(IPFilterAdapter):
    """requests-hardened's IP-pinning adapter, with the stricter rule above, the test
    allowance for one loopback host:port, and name resolution left to a proxy."""

    def __init__(self, *, is_https: bool, policy: FetchPolicy):
        super().__init__(is_https_proto=is_https, allow_loopback=False)
        self._policy = policy
        self.last_peer_ip = ""

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        parts = urlsplit(request.url)
        host = (parts.hostname or "").rstrip(".").lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self.last_peer_ip = ""
        if self._policy.allow_loopback == (host, port):
            self.last_peer_ip = host
            return HTTPAdapter.build_connection_pool_key_attributes(self, request, verify, cert)
        literal = _literal_ip(host)
        if literal is not None and (reason := forbidden_reason(literal)):
            # Said as written ("::ffff:127.0.0.1 is a loopback address"), not as resolved.
            raise Blocked(f"{host} is {reason}")
        if self._policy.proxy_url:
            # The proxy resolves names; refuse what is visibly local before handing over.
            if host == "localhost" or host.endswith(_LOCAL_NAME_SUFFIXES):
                raise Blocked(f"{host} is a local host name")
            return HTTPAdapter.build_connection_pool_key_attributes(self, request, verify, cert)
        try:
            host_params, pool_kwargs = super().build_connection_pool_key_attributes(
                request, verify, cert
            )
        except InvalidIPAddress as exc:
            ip = ipaddress.ip_address(str(exc.args[0]))
            raise Blocked(f"{host} resolves to {ip}, {forbidden_reason(ip) or 'refused'}") from exc
        pinned = ipaddress.ip_address(host_params["host"].strip("[]"))
        if reason := forbidden_reason(pinned):
            raise Blocked(f"{host} resolves to {pinned}, {reason}")
        self.last_peer_ip = str(pinned)
        return host_params, pool_kwargs


def _session(policy: FetchPolicy) -> tuple[requests.Session, dict[str, _GuardAdapter]]:
    session = requests.Session()
    session.trust_env = False  # only ARCHIVE_PROXY_URL decides; no HTTP_PROXY, no .netrc
    adapters = {
        "http://": _GuardAdapter(is_https=False, policy=policy),
        "https://": _GuardAdapter(is_https=True, policy=policy),
    }
    for prefix, adapter in adapters.items():
        session.mount(prefix, adapter)
    if policy.proxy_url:
        session.proxies = {"http": policy.proxy_url, "https": policy.proxy_url}
    session.headers.update(
        {
            "User-Agent": policy.user_agent,
            # What wget asks for too: the body as the document is, so its hash is the
            # document's hash and the WARC holds it as sent.
            "Accept-Encoding": "identity",
            "Accept": "text/html,application/xhtml+xml,application/pdf,image/*,*/*;q=0.8",
            "Accept-Language": "ru,uk;q=0.9,en;q=0.8",
        }
    )
    return session, adapters


def fetch(url: str, *, policy: FetchPolicy | None = None) -> list[Hop]:
    """GET `url`, following redirects hop by hop; every hop's exchange, the last one the
    final response. Raises Blocked, TooLarge, TransientError or FetchError."""
    policy = policy or FetchPolicy.from_settings()
    session, adapters = _session(policy)
    hops: list[Hop] = []
    deadline = time.monotonic() + policy.total_timeout
    try:
        while True:
            scheme = urlsplit(url).scheme.lower()
            if scheme not in {"http", "https"}:
                raise Blocked(f"only http and https are fetched, not {scheme or 'no scheme'}:")
            hop = _fetch_one(session, adapters[f"{scheme}://"], url, policy, deadline)
            hops.append(hop)
            if hop.status in REDIRECT_STATUSES and hop.location:
                if len(hops) > policy.max_redirects:
                    raise FetchError(f"more than {policy.max_redirects} redirects")
                url = hop.location
                continue
            return hops
    except FetchError as exc:
        exc.hops = hops
        raise
    finally:
        session.close()


def _fetch_one(session, adapter, url: str, policy: FetchPolicy, deadline: float) -> Hop:
    started = datetime.now(UTC)
    try:
        response = session.get(
            url,
            stream=True,
            allow_redirects=False,
            timeout=(policy.connect_timeout, policy.read_timeout),
        )
    except Blocked:
        raise
    except requests.exceptions.InvalidURL as exc:
        raise FetchError(f"not a valid URL: {exc}") from exc
    except requests.exceptions.ProxyError as exc:
        raise TransientError(f"the proxy failed: {_short(exc)}") from exc
    except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
        if _name_does_not_exist(exc):  # NXDOMAIN: a deleted domain does not come back
            raise FetchError(f"the host name {urlsplit(url).hostname} does not resolve") from exc
        kind = "timed out" if isinstance(exc, requests.exceptions.Timeout) else "failed"
        raise TransientError(f"connection to {urlsplit(url).netloc} {kind}: {_short(exc)}") from exc
    except requests.RequestException as exc:
        raise FetchError(f"request failed: {_short(exc)}") from exc
    with response:
        prepared = response.request
        split = urlsplit(prepared.url)
        target = split.path or "/"
        if split.query:
            target += "?" + split.query
        raw = response.raw
        version = {10: "HTTP/1.0", 11: "HTTP/1.1"}.get(getattr(raw, "version", 11), "HTTP/1.1")
        hop = Hop(
            url=url,
            request_line=f"GET {target} {version}",
            request_headers=list(prepared.headers.items()),
            started_at=started,
            status=response.status_code,
            reason=response.reason or "",
            http_version=version,
            response_headers=list(raw.headers.items()),
            peer_ip=adapter.last_peer_ip,
        )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > policy.max_body_bytes:
            raise TooLarge(
                f"the body is {int(declared):,} bytes, over the limit of {policy.max_body_bytes:,}"
            )
        hop.body = _read_body(raw, policy, deadline, url)
    return hop


def _read_body(raw, policy: FetchPolicy, deadline: float, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := raw.read(_CHUNK, decode_content=False):
            size += len(chunk)
            if size > policy.max_body_bytes:
                raise TooLarge(f"the body exceeds the limit of {policy.max_body_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise TransientError(
                    f"the whole response took longer than {policy.total_timeout:g} s"
                )
            chunks.append(chunk)
    # urllib3's ReadTimeoutError and ProtocolError are not OSError.
    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise TransientError(f"reading {url} failed: {_short(exc)}") from exc
    return b"".join(chunks)


def _name_does_not_exist(exc: BaseException) -> bool:
    permanent = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
    while exc is not None:
        if isinstance(exc, socket.gaierror) and exc.errno in permanent:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 300 else text[:297] + "..."
