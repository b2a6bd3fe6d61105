"""Partner keys: guessing keys locks the address out; each key's use is counted."""

import datetime as dt
import time

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.models import AccessEvent, AccessKind, PartnerKeyUse
from apps.accounts.services import partner_key_issue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/regions/"


@pytest.fixture
def key_and_secret():
    return partner_key_issue(partner="Partner NGO", name="sync", user=UserFactory())


def get(secret, address="203.0.113.5"):
    client = APIClient()
    return client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {secret}", REMOTE_ADDR=address)


@override_settings(API_KEY_FAILURE_LIMIT=3)
def test_guessing_keys_locks_the_address_out_even_for_a_valid_key(key_and_secret):
    _key, secret = key_and_secret
    assert get(secret).status_code == 200
    for guess in ("abcd1234.wrong", "abcd1234.wrong2", "not-a-key"):
        assert get(guess).status_code in (401, 403)
    locked = get(secret)
    assert locked.status_code == 429
    error = locked.json()["error"]
    assert "Too many invalid API keys" in error["message"]
    assert 0 < error["retry_after_seconds"] <= 15 * 60
    assert 0 < int(locked["Retry-After"]) <= 15 * 60
    # Another address is not locked out.
    assert get(secret, address="198.51.100.1").status_code == 200
    # Three rejections (their prefixes, never a secret) and one lockout are recorded; the
    # refused request is not.
    rejected = AccessEvent.objects.filter(kind=AccessKind.KEY_REJECTED)
    assert rejected.count() == 3
    assert all(event.ip_address == "203.0.113.5" for event in rejected)
    assert "'abcd1234'" in rejected.filter(detail__contains="unknown").first().detail
    assert not AccessEvent.objects.filter(detail__contains="wrong").exists()
    assert AccessEvent.objects.filter(kind=AccessKind.KEY_LOCKED_OUT).count() == 1


@override_settings(API_KEY_FAILURE_LIMIT=3, API_KEY_COOLOFF=dt.timedelta(seconds=2))
def test_the_lockout_ends_after_the_cool_off(key_and_secret):
    _key, secret = key_and_secret
    for guess in ("abcd1234.a", "abcd1234.b", "abcd1234.c"):
        get(guess)
    assert get(secret).status_code == 429
    time.sleep(2.2)
    assert get(secret).status_code == 200


@override_settings(API_KEY_FAILURE_LIMIT=3)
def test_old_rejections_do_not_count(key_and_secret):
    _key, secret = key_and_secret
    long_ago = timezone.now() - dt.timedelta(hours=1)
    for _ in range(3):
        AccessEvent.objects.create(
            kind=AccessKind.KEY_REJECTED, ip_address="203.0.113.5", at=long_ago
        )
    assert get(secret).status_code == 200


def test_each_request_of_a_key_is_counted_on_the_day_even_an_error(key_and_secret):
    key, secret = key_and_secret
    for _ in range(3):
        assert get(secret).status_code == 200
    client = APIClient()
    missing = client.get("/api/v1/incidents/999999/", HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert missing.status_code == 404
    use = PartnerKeyUse.objects.get(key=key)
    assert use.requests == 4 and use.day == timezone.now().date()
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_the_key_page_shows_its_use_per_day(client, key_and_secret):
    from tests.factories import ReviewerFactory

    key, secret = key_and_secret
    get(secret)
    client.force_login(ReviewerFactory())
    page = client.get(f"/admin/accounts/partnerapikey/{key.pk}/change/")
    assert page.status_code == 200
    assert "Requests per day" in page.content.decode()
