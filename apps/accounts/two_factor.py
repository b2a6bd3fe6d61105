"""The second factor: a TOTP authenticator app (django-otp's TOTP device).

Who must have one is decided here: superusers, and whoever may publish incidents (the
reviewers), when CHILDTRACE_REQUIRE_2FA is on. Anyone who has one set up gives its code
at every login, whatever the setting.
"""

from __future__ import annotations

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.apps import apps
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

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


def pending_device(user) -> TOTPDevice:
    """The device being set up: made on the first visit to the setup page and kept until
    its first code confirms it, so that reloading the page shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def device_secret(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in (base32, in groups of four)."""
    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def device_qr_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// URL as a QR code, an inline SVG drawn on the server."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    # Our own drawing of a URL we built: no user text can reach the markup.
    return mark_safe(image.to_string(encoding="unicode"))
