"""Issuing and using partner keys (staff revoke them in the admin)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from apps.accounts.models import PartnerAPIKey

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
