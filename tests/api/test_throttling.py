"""Each partner key has a throttle bucket of its own: one partner's traffic never
throttles another's."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from apps.accounts.services import partner_key_issue
from tests.factories import ReviewerFactory


@pytest.fixture
def low_rates(monkeypatch):
    # Every throttle (per key, per person) at three requests a minute.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"partner_key": "3/minute", "user": "3/minute"}
    )
    cache.clear()
    yield
    cache.clear()


def _key_client(partner: str, issuer) -> APIClient:
    _key, secret = partner_key_issue(partner=partner, name="sync", user=issuer)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return client


def test_one_partners_traffic_does_not_throttle_another(db, low_rates):
    issuer = ReviewerFactory()
    first, second = _key_client("First NGO", issuer), _key_client("Second NGO", issuer)

    assert [first.get("/api/v1/regions/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert [second.get("/api/v1/regions/").status_code for _ in range(4)] == [200, 200, 200, 429]
    # Still throttled: the first key's bucket is its own, not emptied by the second's.
    assert first.get("/api/v1/regions/").status_code == 429


def test_a_person_is_throttled_by_their_own_bucket_not_a_partners(db, low_rates):
    issuer = ReviewerFactory()
    partner = _key_client("First NGO", issuer)
    person = APIClient()
    person.force_authenticate(issuer)

    assert [partner.get("/api/v1/regions/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert [person.get("/api/v1/regions/").status_code for _ in range(4)] == [200, 200, 200, 429]
