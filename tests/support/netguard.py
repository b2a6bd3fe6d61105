"""A test-wide guard: no socket may connect anywhere but loopback (or a Unix socket).

Installed for the whole pytest session and in every worker process the tests start, so
a broken outbound guard fails a test loudly instead of sending a packet to 10.x or to a
cloud metadata address.
"""

from __future__ import annotations

import ipaddress
import socket

_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


class NonLoopbackConnection(AssertionError):
    pass


def _check(sock: socket.socket, address) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    host = address[0]
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError as exc:  # a name: only resolved addresses reach connect normally
        raise NonLoopbackConnection(f"tests may not connect to {host!r} (not an IP)") from exc
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_loopback:
        raise NonLoopbackConnection(f"tests may not connect to {ip}: loopback only")


def _guarded_connect(self, address):
    _check(self, address)
    return _original_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(self, address)
    return _original_connect_ex(self, address)


def install() -> None:
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex


def installed() -> bool:
    return socket.socket.connect is _guarded_connect
