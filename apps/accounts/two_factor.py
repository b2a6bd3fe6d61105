"""The second factor: a TOTP authenticator app (django-otp's TOTP device).

Who must have one is decided here: superusers, and whoever may publish incidents (the
reviewers), when CHILDTRACE_REQUIRE_2FA is on. Anyone who has one set up gives its code
at every login, whatever the setting.

Setting one up takes more than the password: the first device needs an enrollment code
an administrator issued (apps.accounts.services.second_factor_enrollment_issue), a
further device the current code of one already set up (docs/security.md).
"""

from __future__ import annotations

from base64 import b32encode
from hashlib import sha256

import qrcode
import qrcode.image.svg
from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import SecondFactorEnrollment
from apps.core.permissions import may

# What makes an account one that must use a second factor: it may publish incidents.
REQUIRED_FOR = ("cases", "Incident", "publish")
DEVICE_NAME = "authenticator app"


def second_factor_required(user) -> bool:
    app_label, model, action = REQUIRED_FOR
    return user.is_superuser or may(user, action, apps.get_model(app_label, model))


def confirmed_devices(user) -> QuerySet[TOTPDevice]:
    """The user's second factors that work (a device being set up does not): the one
    query behind "has a second factor" (`.exists()`) and the login's code check."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")


PENDING_DEVICE_SESSION_KEY = "childtrace_two_factor_pending_device"


def pending_device(request) -> TOTPDevice:
    """The device this session is setting up: made on its first visit to the setup page
    and kept until its first code confirms it, so that reloading the page shows the same
    secret. Each session has its own: a secret shown to someone holding only the
    password is never the one the account's owner later confirms."""
    user = request.user
    pk = request.session.get(PENDING_DEVICE_SESSION_KEY)
    device = TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first() if pk else None
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


def enrollment_code_digest(code: str) -> str:
    """The SHA-256 kept of an enrollment code, as typed: case, spaces and dashes aside."""
    normalized = "".join(ch for ch in code.upper() if ch.isalnum())
    return sha256(normalized.encode("ascii", "ignore")).hexdigest()


def enrollment_usable(*, user, code: str, now=None) -> SecondFactorEnrollment | None:
    """The enrollment code `user` typed, if it is theirs, unused, not replaced by a newer
    one, and not expired."""
    if not code.strip():
        return None
    return SecondFactorEnrollment.objects.filter(
        user=user,
        code_sha256=enrollment_code_digest(code),
        used_at__isnull=True,
        replaced_at__isnull=True,
        expires_at__gt=now or timezone.now(),
    ).first()


def device_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in (base32, in groups of four)."""
    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def device_qr_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// URL as a QR code, an inline SVG drawn on the server."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    # Our own drawing of a URL we built: no user text can reach the markup.
    return mark_safe(image.to_string(encoding="unicode"))
