"""Logins: lockout by username and by address, the second factor, sessions, and the
record of every sign-in event. Ordinary users in their roles, through the real login
page."""

import re
from collections import Counter

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import AccessEvent, AccessKind
from apps.core.models import WrittenOnceError
from tests.factories import InvestigatorFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOGIN = "/admin/login/"


def log_in(client, username, password=PASSWORD, code="", address="127.0.0.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "otp_token": code, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0 - steps_ahead * 30)).zfill(6)


def issued_enrollment_code(username: str) -> str:
    """An enrollment code for a first second factor, as an administrator issues it."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("issue_two_factor_enrollment", username, stdout=out)
    return re.search(r"Enrollment code for \S+: (\S+)", out.getvalue()).group(1)


def test_repeated_wrong_passwords_lock_the_account_out_even_with_the_right_one(client):
    InvestigatorFactory(username="anna", password=PASSWORD)
    for _ in range(4):
        assert log_in(client, "anna", "wrong").status_code == 200
    fifth = log_in(client, "anna", "wrong")
    assert fifth.status_code == 429  # the fifth failure locks the account out
    assert "Too many failed logins" in fifth.content.decode()
    assert "anna" in fifth.content.decode()
    assert log_in(client, "anna").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_username_is_locked_from_every_address(client):
    InvestigatorFactory(username="anna", password=PASSWORD)
    for number in range(5):
        log_in(client, "anna", "wrong", address=f"203.0.113.{number + 1}")
    assert log_in(client, "anna", address="198.51.100.7").status_code == 429


def test_the_address_is_locked_for_every_username(client):
    InvestigatorFactory(username="anna", password=PASSWORD)
    for number in range(5):
        log_in(client, f"guess{number}", "wrong", address="203.0.113.9")
    assert log_in(client, "anna", address="203.0.113.9").status_code == 429
    # Another address still logs in as anna.
    assert logged_in(log_in(client, "anna", address="198.51.100.7"))


def test_fewer_failures_than_the_limit_do_not_lock(client):
    InvestigatorFactory(username="anna", password=PASSWORD)
    for _ in range(4):
        log_in(client, "anna", "wrong")
    assert logged_in(log_in(client, "anna"))


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_locked_not_the_proxy(client):
    InvestigatorFactory(username="anna", password=PASSWORD)
    for number in range(5):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "x"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",  # the first part is the client's lie
        )
    events = AccessEvent.objects.filter(kind=AccessKind.LOGIN_FAILED)
    assert set(events.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    # Another client behind the same proxy still logs in.
    response = client.post(
        LOGIN,
        {"username": "anna", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert logged_in(response)


def test_logins_logouts_failures_and_lockouts_are_recorded(client):
    anna = InvestigatorFactory(username="anna", password=PASSWORD)
    assert logged_in(log_in(client, "anna"))
    client.post("/admin/logout/")
    for _ in range(5):
        log_in(client, "anna", "wrong")
    log_in(client, "anna")  # refused while locked out
    kinds = list(AccessEvent.objects.order_by("at", "id").values_list("kind", flat=True))
    assert kinds[:2] == [AccessKind.LOGIN, AccessKind.LOGOUT]
    # Five wrong passwords; the fifth locked the account, and the next attempt was refused.
    assert Counter(kinds[2:]) == {AccessKind.LOGIN_FAILED: 5, AccessKind.LOCKED_OUT: 2}
    assert kinds[-1] == AccessKind.LOCKED_OUT
    login = AccessEvent.objects.get(kind=AccessKind.LOGIN)
    assert (login.user, login.ip_address, login.path) == (anna, "127.0.0.1", LOGIN)
    failure = AccessEvent.objects.filter(kind=AccessKind.LOGIN_FAILED).first()
    assert failure.username == "anna" and failure.user == anna


def test_an_access_event_is_never_changed():
    event = AccessEvent.objects.create(kind=AccessKind.LOGIN, username="anna")
    event.detail = "rewritten"
    with pytest.raises(WrittenOnceError, match="Access events are written once and never changed"):
        event.save()
    with pytest.raises(WrittenOnceError, match="never deleted"):
        event.delete()
    with pytest.raises(WrittenOnceError, match="never changed"):
        AccessEvent.objects.filter(pk=event.pk).update(detail="rewritten")
    with pytest.raises(WrittenOnceError, match="never deleted"):
        AccessEvent.objects.filter(pk=event.pk).delete()


# The second factor


def test_an_account_with_a_second_factor_needs_its_code(client):
    anna = InvestigatorFactory(username="anna", password=PASSWORD)
    device = confirmed_device(anna)
    response = log_in(client, "anna")
    assert response.status_code == 200
    assert "code from your authenticator app is missing or wrong" in response.content.decode()
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.throttle_reset()
    assert logged_in(log_in(client, "anna", code=code_for(device)))
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_a_recorded_failure_that_counts_towards_the_lockout(client):
    anna = InvestigatorFactory(username="anna", password=PASSWORD)
    device = confirmed_device(anna)
    for _ in range(4):
        device.throttle_reset()
        assert log_in(client, "anna", code="000000").status_code == 200
    device.throttle_reset()
    assert log_in(client, "anna", code="000000").status_code == 429
    device.throttle_reset()
    assert log_in(client, "anna", code=code_for(device)).status_code == 429
    assert AccessEvent.objects.filter(kind=AccessKind.SECOND_FACTOR_FAILED).count() == 5
    assert not AccessEvent.objects.filter(kind=AccessKind.LOGIN_FAILED).exists()


@override_settings(CHILDTRACE_REQUIRE_2FA=True)
def test_a_reviewer_without_a_second_factor_can_only_set_one_up(client):
    ReviewerFactory(username="rita", password=PASSWORD)
    log_in(client, "rita")
    for path in ("/admin/", "/admin/cases/incident/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/two-factor/")
    api = client.get("/api/v1/incidents/")
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "second_factor_required"

    page = client.get("/account/two-factor/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "must use a second factor" in body
    device = TOTPDevice.objects.get(user__username="rita", confirmed=False)
    enrollment = issued_enrollment_code("rita")
    wrong = client.post(
        "/account/two-factor/", {"enrollment_code": enrollment, "otp_token": "000000"}
    )
    assert "does not match" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(
        "/account/two-factor/",
        {"enrollment_code": enrollment, "otp_token": code_for(device), "next": "/admin/"},
    )
    assert done.status_code == 302 and done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert AccessEvent.objects.filter(kind=AccessKind.SECOND_FACTOR_ENROLLED).count() == 1


@override_settings(CHILDTRACE_REQUIRE_2FA=True)
def test_a_reviewer_with_a_valid_code_reaches_the_admin(client):
    rita = ReviewerFactory(username="rita", password=PASSWORD)
    device = confirmed_device(rita)
    assert log_in(client, "rita").status_code == 200  # no code: refused
    device.refresh_from_db()
    device.throttle_reset()
    assert logged_in(log_in(client, "rita", code=code_for(device)))
    assert client.get("/admin/cases/incident/").status_code == 200


@override_settings(CHILDTRACE_REQUIRE_2FA=True)
def test_an_investigator_is_not_required_to_have_a_second_factor(client):
    InvestigatorFactory(username="anna", password=PASSWORD)
    assert logged_in(log_in(client, "anna"))
    assert client.get("/admin/cases/incident/").status_code == 200


@override_settings(CHILDTRACE_REQUIRE_2FA=True)
def test_a_session_that_skipped_the_code_is_ended(client):
    """A session made without the login form (here force_login) for an account that has
    a second factor is sent back to log in with the code."""
    anna = InvestigatorFactory(username="anna", password=PASSWORD)
    confirmed_device(anna)
    client.force_login(anna)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_a_superuser_resets_a_lost_second_factor_with_the_command(client):
    from io import StringIO

    from django.core.management import call_command

    anna = InvestigatorFactory(username="anna", password=PASSWORD)
    confirmed_device(anna)
    out = StringIO()
    call_command("two_factor_reset", "anna", reason="phone lost, checked by call", stdout=out)
    assert "Removed 1 second factor" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=anna).exists()
    event = AccessEvent.objects.get(kind=AccessKind.SECOND_FACTOR_RESET)
    assert event.user == anna and "phone lost" in event.detail
    assert logged_in(log_in(client, "anna"))


# Sessions


def test_the_session_ends_with_the_browser_and_within_a_working_day(client):
    InvestigatorFactory(username="anna", password=PASSWORD)
    log_in(client, "anna")
    cookie = client.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() <= 8 * 60 * 60
