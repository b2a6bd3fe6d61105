"""Middleware of the sign-in rules: the second factor, and the record of partner keys."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from apps.accounts.authentication import REJECTED_ATTRIBUTE, USED_ATTRIBUTE
from apps.accounts.services import partner_key_rejection_record, partner_key_use_count
from apps.accounts.two_factor import confirmed_devices, second_factor_required
from apps.core.api.errors import error_response
from apps.core.views import API_PREFIX


class PartnerKeyAccessMiddleware:
    """Records each partner key's use (a daily count) and each rejected key, after the
    answer: outside the request's transaction, so that an error answer, which rolls the
    transaction back, still leaves its record."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        rejected = getattr(request, REJECTED_ATTRIBUTE, None)
        if rejected is not None:
            prefix, reason = rejected
            partner_key_rejection_record(request=request, prefix=prefix, reason=reason)
        key = getattr(request, USED_ATTRIBUTE, None)
        if key is not None:
            partner_key_use_count(key=key)
        return response


class SecondFactorMiddleware:
    """When CHILDTRACE_REQUIRE_2FA is on: a session whose user has a second factor but
    did not give it is ended (back to the login page), and a user who must have one
    (superusers and those who may publish) and has none may only set one up.

    Without the setting, the login form still asks for the code of everyone who has a
    second factor; this middleware then adds nothing (and no query) to a request.
    """

    EXEMPT_PREFIXES = ("/account/", "/admin/login/", "/admin/logout/", "/static/", "/healthz")

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.CHILDTRACE_REQUIRE_2FA and not request.path.startswith(self.EXEMPT_PREFIXES):
            user = request.user
            if user.is_authenticated and not user.is_verified():
                if confirmed_devices(user).exists():
                    logout(request)
                    return self._refuse(request, reverse("admin:login"), "log in again")
                if second_factor_required(user):
                    return self._refuse(
                        request, reverse("accounts:two-factor"), "set up a second factor"
                    )
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, to: str, what: str) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            return error_response(
                403,
                "second_factor_required",
                f"This account must use a second factor: {what} at {to} first.",
            )
        return redirect(f"{to}?{urlencode({'next': request.get_full_path()})}")
