"""DRF authentication by partner key: `Authorization: Api-Key <key>`.

An address that sends too many invalid keys is locked out for a cool-off (429), whatever
key it sends next. Rejections and uses are written by `PartnerKeyAccessMiddleware` after
the answer, outside the request's transaction, which an error answer rolls back.
"""

from __future__ import annotations

import math
import re

from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions

from apps.accounts.models import PartnerAPIKey
from apps.accounts.services import partner_key_lockout_remaining

KEYWORD = "Api-Key"
KEY_FORMAT = re.compile(r"[A-Za-z0-9]{1,16}\.[A-Za-z0-9]{1,128}")
# Set on the Django request for PartnerKeyAccessMiddleware.
REJECTED_ATTRIBUTE = "partner_key_rejected"
USED_ATTRIBUTE = "partner_key_used"


class PartnerKeyUser(AnonymousUser):
    """The request's user when a partner key authenticated it: not staff, read-only."""

    def __init__(self, key: PartnerAPIKey) -> None:
        self.api_key = key

    @property
    def is_authenticated(self) -> bool:  # type: ignore[override]
        return True

    def __str__(self) -> str:
        return f"partner key {self.api_key.prefix}"


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, _, secret = header.partition(" ")
        if scheme != KEYWORD:
            return None
        django_request = request._request
        remaining = partner_key_lockout_remaining(request=django_request)
        if remaining is not None:
            wait = max(1, math.ceil(remaining.total_seconds()))
            raise exceptions.Throttled(
                wait=wait,
                detail="Too many invalid API keys were sent from this address: it is locked "
                f"out for {wait} more seconds. Check the key you were given.",
            )
        secret = secret.strip()
        if not KEY_FORMAT.fullmatch(secret):
            self._reject(django_request, "", "not of the form <prefix>.<secret>")
            raise exceptions.AuthenticationFailed(
                "The Api-Key header does not hold a key of the form <prefix>.<secret>."
            )
        prefix = secret.partition(".")[0]
        try:
            key = PartnerAPIKey.objects.get_from_key(secret)
        except PartnerAPIKey.DoesNotExist:
            self._reject(django_request, prefix, "unknown or revoked key")
            raise exceptions.AuthenticationFailed(
                "This API key is not valid, or has been revoked."
            ) from None
        if key.has_expired:  # a key its holder was given, not a guess: not counted
            raise exceptions.AuthenticationFailed("This API key has expired.")
        setattr(django_request, USED_ATTRIBUTE, key)
        return PartnerKeyUser(key), key

    @staticmethod
    def _reject(django_request, prefix: str, reason: str) -> None:
        setattr(django_request, REJECTED_ATTRIBUTE, (prefix, reason))

    def authenticate_header(self, request) -> str:
        return KEYWORD
