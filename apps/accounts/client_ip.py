"""The address a request came from, behind as many reverse proxies as the deployment says.

Lockouts (of logins and of API key guessing) and the access records use this address.
With no proxy (TRUSTED_PROXY_COUNT = 0) it is the connection's own address. Behind N
proxies that each append the address they received the request from to
X-Forwarded-For, the client is the N-th address from the right: addresses further left
were written by the client itself and prove nothing.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through all of them (or a
        # proxy is misconfigured); the connection's address is all that is known.
        return remote
    return _valid(forwarded[-proxies]) or remote
