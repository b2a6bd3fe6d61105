import ipaddress
import socket

import pytest

from tests.api.conftest import partner_api, partner_secret, staff_api  # noqa: F401 (fixtures)
from tests.support.site import LocalSite


@pytest.fixture
def site(settings):
    """A local web site the fetcher may reach (the test-only loopback allowance)."""
    local = LocalSite()
    settings.ARCHIVE_ALLOW_LOOPBACK = local.netloc
    settings.ARCHIVE_HOST_INTERVAL = 0
    settings.ARCHIVE_CONNECT_TIMEOUT = 2
    settings.ARCHIVE_READ_TIMEOUT = 2
    settings.ARCHIVE_TOTAL_TIMEOUT = 10
    yield local
    local.close()


@pytest.fixture
def resolve(monkeypatch):
    """Make host names resolve to chosen (forbidden) addresses, without any DNS query.

    `resolve({"news.example": "10.0.0.5"})`; unknown names fail to resolve.
    """
    real = socket.getaddrinfo
    table: dict[str, str] = {}

    def fake(host, port, family=0, type=0, proto=0, flags=0):
        if host in table:
            address = table[host]
            fam = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (
                (address, port or 0, 0, 0) if fam == socket.AF_INET6 else (address, port or 0)
            )
            return [(fam, socket.SOCK_STREAM, 6, "", sockaddr)]
        if host == "localhost" or _is_numeric(host):  # parsed locally, no DNS query
            return real(host, port, family, type, proto, flags)
        raise socket.gaierror(socket.EAI_NONAME, f"{host} is not known in tests")

    monkeypatch.setattr(socket, "getaddrinfo", fake)

    def add(mapping: dict[str, str]) -> None:
        table.update(mapping)

    return add


def _is_numeric(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host.isdigit()  # 2130706433, the decimal form of 127.0.0.1
    return True
