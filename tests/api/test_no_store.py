"""Authenticated API answers are never stored by a cache; public pages are unchanged."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_answer_to_a_partner_key_is_not_stored(partner_api, demo):
    response = partner_api.get("/api/v1/incidents/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Authorization" in response["Vary"]
    # The ETag still lets the partner's own client ask whether anything changed.
    again = partner_api.get("/api/v1/incidents/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert "no-store" in again["Cache-Control"]


def test_an_answer_to_a_staff_session_is_not_stored(staff_client):
    response = staff_client.get("/api/v1/regions/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_unauthenticated_answer_is_left_as_it_was(client):
    response = client.get("/api/v1/schema/")
    assert "no-store" not in response.get("Cache-Control", "")
