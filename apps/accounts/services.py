"""Issuing and using partner keys (staff revoke them in the admin), and the record of
every sign-in event."""

from __future__ import annotations

import datetime as dt
import secrets
from base64 import b32encode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.client_ip import client_ip
from apps.accounts.models import (
    AccessEvent,
    AccessKind,
    PartnerAPIKey,
    PartnerKeyUse,
    SecondFactorEnrollment,
)
from apps.accounts.two_factor import (
    DEVICE_NAME,
    PENDING_DEVICE_SESSION_KEY,
    confirmed_devices,
    enrollment_code_digest,
)

# Writing last_used_at on every request would turn each read into a write; once a
# minute per key is precise enough for staff to see which keys are alive.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def partner_key_issue(
    *, partner: str, name: str, user, expires_at: dt.datetime | None = None, contact: str = ""
) -> tuple[PartnerAPIKey, str]:
    """Create a key; the returned secret is never stored and cannot be shown again."""
    return PartnerAPIKey.objects.create_key(
        name=name, partner=partner, contact=contact, expiry_date=expires_at, created_by=user
    )


def partner_key_touch(*, key: PartnerAPIKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        PartnerAPIKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def partner_key_use_count(*, key: PartnerAPIKey) -> None:
    """Count one request by the key on today's row (made on its first request)."""
    now = timezone.now()
    day = now.date()
    counted = PartnerKeyUse.objects.filter(key=key, day=day).update(
        requests=F("requests") + 1, last_at=now
    )
    if not counted:
        try:
            with transaction.atomic():
                PartnerKeyUse.objects.create(
                    key=key, day=day, requests=1, first_at=now, last_at=now
                )
        except IntegrityError:  # another request made today's row first
            PartnerKeyUse.objects.filter(key=key, day=day).update(
                requests=F("requests") + 1, last_at=now
            )
    partner_key_touch(key=key)


def access_event_record(
    *,
    kind: AccessKind,
    request: HttpRequest | None = None,
    username: str = "",
    user=None,
    partner_key: PartnerAPIKey | None = None,
    detail: str = "",
) -> AccessEvent:
    """Write one sign-in event, with where it came from when there is a request."""
    if user is None and username:
        user = get_user_model().objects.filter(username=username).first()
    if user is not None and not username:
        username = user.get_username()
    meta = request.META if request is not None else {}
    return AccessEvent.objects.create(
        kind=kind,
        username=(username or "")[:150],
        user=user,
        partner_key=partner_key,
        ip_address=client_ip(request) if request is not None else None,
        user_agent=meta.get("HTTP_USER_AGENT", "")[:300],
        path=(request.path if request is not None else "")[:300],
        detail=detail[:500],
    )


# API key guessing: an address that sent too many rejected keys within the cool-off is
# refused, valid key or not, until the cool-off has passed since the rejection that
# reached the limit. Refused requests are not recorded, so a guesser cannot fill the
# table faster than the limit allows.


def partner_key_lockout_remaining(*, request: HttpRequest) -> dt.timedelta | None:
    """How long the request's address is still locked out for API key guessing."""
    address = client_ip(request)
    limit = settings.API_KEY_FAILURE_LIMIT
    if address is None or limit <= 0:
        return None
    now = timezone.now()
    recent = list(
        AccessEvent.objects.filter(
            kind=AccessKind.KEY_REJECTED,
            ip_address=address,
            at__gt=now - settings.API_KEY_COOLOFF,
        )
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    return recent[-1] + settings.API_KEY_COOLOFF - now


def partner_key_rejection_record(*, request: HttpRequest, prefix: str, reason: str) -> None:
    """Record a rejected key (its prefix only) and, when the address has now reached the
    limit, that the address is locked out."""
    key = PartnerAPIKey.objects.filter(prefix=prefix).first() if prefix else None
    access_event_record(
        kind=AccessKind.KEY_REJECTED,
        request=request,
        partner_key=key,
        detail=f"{reason} (key prefix {prefix!r})" if prefix else reason,
    )
    if partner_key_lockout_remaining(request=request) is not None:
        access_event_record(
            kind=AccessKind.KEY_LOCKED_OUT,
            request=request,
            detail=f"{settings.API_KEY_FAILURE_LIMIT} rejected keys within "
            f"{settings.API_KEY_COOLOFF}",
        )


def second_factor_reset(*, user, by: str, reason: str) -> int:
    """Remove a user's second factors (a lost phone) and end the user's sessions; at the
    next login they set up a new one. Returns how many were removed."""
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            user_id = str(user.pk)
            for session in Session.objects.filter(expire_date__gt=timezone.now()):
                if session.get_decoded().get("_auth_user_id") == user_id:
                    session.delete()
            access_event_record(
                kind=AccessKind.SECOND_FACTOR_RESET, user=user, detail=f"by {by}: {reason}"
            )
    return removed


# An enrollment code is given to its holder in person or over another channel than the
# password; three days leave time for that, and little for a stolen one.
ENROLLMENT_VALID_FOR = dt.timedelta(hours=72)


class EnrollmentRefused(Exception):
    """An enrollment code cannot be issued (the user already has a second factor)."""


def second_factor_enrollment_issue(
    *, user, by: str, by_user=None, request: HttpRequest | None = None
) -> tuple[SecondFactorEnrollment, str]:
    """Issue a one-time code with which `user` sets up a first second factor, replacing
    any earlier unused one; returns the record and the code, which is stored only as a
    digest and cannot be shown again. `by` says who issued it, for the record. Refused
    for a user who has a second factor: a further device needs that one's code."""
    if confirmed_devices(user).exists():
        raise EnrollmentRefused(
            f"{user.get_username()} already has a second factor: a further device is set "
            "up with the code of the current one. To replace a lost one, remove it first "
            "(manage.py two_factor_reset), then issue a code."
        )
    raw = b32encode(secrets.token_bytes(10)).decode("ascii")  # 80 bits, 16 characters
    code = "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
    now = timezone.now()
    with transaction.atomic():
        SecondFactorEnrollment.objects.filter(
            user=user, used_at__isnull=True, replaced_at__isnull=True
        ).update(replaced_at=now)
        enrollment = SecondFactorEnrollment.objects.create(
            user=user,
            code_sha256=enrollment_code_digest(code),
            issued_at=now,
            issued_by=by_user,
            expires_at=now + ENROLLMENT_VALID_FOR,
        )
        access_event_record(
            kind=AccessKind.ENROLLMENT_ISSUED,
            request=request,
            user=user,
            detail=f"by {by}; code {enrollment.pk}, valid until "
            f"{enrollment.expires_at:%Y-%m-%d %H:%M} UTC",
        )
    return enrollment, code


def second_factor_enroll(
    *,
    request: HttpRequest,
    device,
    enrollment: SecondFactorEnrollment | None = None,
    vouched_by=None,
) -> None:
    """Confirm the session's pending `device` as a second factor of the request's user,
    all or nothing: for a first device with `enrollment` (used up here, once, even by
    two requests at the same moment), for a further one `vouched_by` (the device whose
    current code was given). The user's other pending devices go: a secret someone else
    was shown can no longer be confirmed."""
    user = request.user
    now = timezone.now()
    with transaction.atomic():
        if enrollment is not None:
            used = SecondFactorEnrollment.objects.filter(
                pk=enrollment.pk,
                user=user,
                used_at__isnull=True,
                replaced_at__isnull=True,
                expires_at__gt=now,
            ).update(used_at=now)
            if not used:
                raise EnrollmentRefused("This enrollment code was used or replaced meanwhile.")
            how = f"with enrollment code {enrollment.pk}"
        elif vouched_by is not None:
            how = f"a further device, with the code of {vouched_by.name!r}"
        else:
            raise EnrollmentRefused("A second factor needs an enrollment code or a current code.")
        count = confirmed_devices(user).count()
        device.name = DEVICE_NAME if count == 0 else f"{DEVICE_NAME} {count + 1}"
        device.confirmed = True
        device.save(update_fields=["name", "confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        access_event_record(
            kind=AccessKind.SECOND_FACTOR_ENROLLED, request=request, user=user, detail=how
        )
    request.session.pop(PENDING_DEVICE_SESSION_KEY, None)
