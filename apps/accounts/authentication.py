"""DRF authentication by partner key: `Authorization: Api-Key <key>`."""

from __future__ import annotations

import re

from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions

from apps.accounts.models import PartnerAPIKey
from apps.accounts.services import partner_key_touch

KEYWORD = "Api-Key"
KEY_FORMAT = re.compile(r"[A-Za-z0-9]{1,16}\.[A-Za-z0-9]{1,128}")


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
        secret = secret.strip()
        if not KEY_FORMAT.fullmatch(secret):
            raise exceptions.AuthenticationFailed(
                "The Api-Key header does not hold a key of the form <prefix>.<secret>."
            )
        try:
            key = PartnerAPIKey.objects.get_from_key(secret)
        except PartnerAPIKey.DoesNotExist:
            raise exceptions.AuthenticationFailed(
                "This API key is not valid, or has been revoked."
            ) from None
        if key.has_expired:
            raise exceptions.AuthenticationFailed("This API key has expired.")
        partner_key_touch(key=key)
        return PartnerKeyUser(key), key

    def authenticate_header(self, request) -> str:
        return KEYWORD
