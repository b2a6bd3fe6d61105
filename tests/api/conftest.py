import pytest
from rest_framework.test import APIClient

from apps.accounts.services import partner_key_issue
from tests.factories import UserFactory


@pytest.fixture
def partner_secret(db):
    issuer = UserFactory(username="key-issuer")
    _key, secret = partner_key_issue(partner="Partner NGO", name="nightly sync", user=issuer)
    return secret


@pytest.fixture
def partner_api(partner_secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {partner_secret}")
    return client


@pytest.fixture
def staff_api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def walk(client, url: str, params: dict | None = None) -> list[dict]:
    """Every item of a cursor-paginated list, following `next` to the end."""
    items, response = [], client.get(url, params or {})
    while True:
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        items.extend(body["results"])
        if not body["next"]:
            return items
        response = client.get(body["next"])


@pytest.fixture
def spec(staff_api):
    """The API's own OpenAPI schema, as a client downloads it."""
    response = staff_api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()
