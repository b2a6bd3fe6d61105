"""Setting up a second factor takes more than the password (docs/security.md): a first
device needs an enrollment code an administrator issued (one-time, kept as a digest,
expiring), a further one the current code of a device already set up. Ordinary users in
their roles, through the real pages."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import AccessEvent, AccessKind, SecondFactorEnrollment
from tests.accounts.test_logins import (
    PASSWORD,
    code_for,
    confirmed_device,
    issued_enrollment_code,
    log_in,
    logged_in,
)
from tests.factories import InvestigatorFactory, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db

SETUP = "/account/two-factor/"


def setting_up(client, username: str) -> TOTPDevice:
    """Log in with the password alone and open the setup page: the device it shows."""
    assert logged_in(log_in(client, username))
    assert client.get(SETUP).status_code == 200
    return TOTPDevice.objects.filter(user__username=username, confirmed=False).latest("pk")


def confirm(client, device: TOTPDevice, **fields):
    device.refresh_from_db()
    device.throttle_reset()
    return client.post(SETUP, {"otp_token": code_for(device), "next": "/admin/", **fields})


def enrolled(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


@override_settings(CHILDTRACE_REQUIRE_2FA=True)
def test_the_password_alone_cannot_set_up_a_first_second_factor(client):
    ReviewerFactory(username="rita", password=PASSWORD)
    device = setting_up(client, "rita")
    for fields in ({}, {"enrollment_code": "AAAA-BBBB-CCCC-DDDD"}):
        refused = confirm(client, device, **fields)
        assert refused.status_code == 200
        assert "enrollment code" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user__username="rita", confirmed=True).exists()
    # Still only the setup page: the admin and the API stay closed.
    assert client.get("/admin/")["Location"].startswith(SETUP)
    # Someone tried with the password but without the code: recorded.
    assert AccessEvent.objects.filter(kind=AccessKind.ENROLLMENT_REFUSED).count() == 2


@override_settings(CHILDTRACE_REQUIRE_2FA=True)
def test_an_issued_code_sets_up_the_first_second_factor_once(client):
    rita = ReviewerFactory(username="rita", password=PASSWORD)
    code = issued_enrollment_code("rita")
    stored = SecondFactorEnrollment.objects.get(user=rita)
    # Hashed at rest: the code itself is nowhere in the row.
    normalized = code.replace("-", "")
    assert normalized not in stored.code_sha256 and len(stored.code_sha256) == 64
    assert stored.expires_at - stored.issued_at == dt.timedelta(hours=72)
    issued = AccessEvent.objects.get(kind=AccessKind.ENROLLMENT_ISSUED)
    assert issued.user == rita and "issue_two_factor_enrollment" in issued.detail

    device = setting_up(client, "rita")
    # Typed in lower case with spaces instead of dashes: the same code.
    assert enrolled(confirm(client, device, enrollment_code=code.lower().replace("-", " ")))
    assert client.get("/admin/").status_code == 200
    stored.refresh_from_db()
    assert stored.used_at is not None
    event = AccessEvent.objects.get(kind=AccessKind.SECOND_FACTOR_ENROLLED)
    assert event.user == rita and f"enrollment code {stored.pk}" in event.detail

    # Used once: after a reset, the same code sets up nothing.
    call_command("two_factor_reset", "rita", reason="test", stdout=StringIO())
    other = Client()
    again = setting_up(other, "rita")
    assert "enrollment code" in confirm(other, again, enrollment_code=code).content.decode()
    assert not TOTPDevice.objects.filter(user=rita, confirmed=True).exists()


@override_settings(CHILDTRACE_REQUIRE_2FA=True)
def test_an_expired_or_replaced_code_is_refused(client):
    rita = ReviewerFactory(username="rita", password=PASSWORD)
    first = issued_enrollment_code("rita")
    second = issued_enrollment_code("rita")  # replaces the first
    device = setting_up(client, "rita")
    assert not enrolled(confirm(client, device, enrollment_code=first))
    SecondFactorEnrollment.objects.filter(user=rita, replaced_at__isnull=True).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert not enrolled(confirm(client, device, enrollment_code=second))
    assert not TOTPDevice.objects.filter(user=rita, confirmed=True).exists()
    assert enrolled(confirm(client, device, enrollment_code=issued_enrollment_code("rita")))


@override_settings(CHILDTRACE_REQUIRE_2FA=True)
def test_a_secret_shown_to_someone_with_the_password_is_never_the_one_confirmed():
    ReviewerFactory(username="rita", password=PASSWORD)
    intruder, owner = Client(), Client()
    seen = setting_up(intruder, "rita")
    assert setting_up(intruder, "rita").pk == seen.pk  # a reload shows the same secret
    mine = setting_up(owner, "rita")
    assert mine.pk != seen.pk
    assert enrolled(confirm(owner, mine, enrollment_code=issued_enrollment_code("rita")))
    assert list(TOTPDevice.objects.filter(user__username="rita")) == [mine]


def test_a_further_device_needs_the_current_code_of_one_set_up(client):
    anna = InvestigatorFactory(username="anna", password=PASSWORD)
    current = confirmed_device(anna)
    assert logged_in(log_in(client, "anna", code=code_for(current)))
    done = client.get(SETUP)
    assert "add another" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=anna, confirmed=False).exists()
    assert client.get(SETUP + "?add=1").status_code == 200
    new = TOTPDevice.objects.get(user=anna, confirmed=False)
    for fields in ({}, {"current_token": "000000"}):
        current.throttle_reset()
        refused = confirm(client, new, **fields)
        assert refused.status_code == 200 and not enrolled(refused)
    assert TOTPDevice.objects.filter(user=anna, confirmed=True).count() == 1
    # An enrollment code is no substitute for the current device's code.
    with pytest.raises(CommandError, match="already has a second factor"):
        call_command("issue_two_factor_enrollment", "anna", stdout=StringIO())
    current.refresh_from_db()
    current.throttle_reset()
    assert enrolled(confirm(client, new, current_token=code_for(current, steps_ahead=1)))
    assert TOTPDevice.objects.filter(user=anna, confirmed=True).count() == 2
    event = AccessEvent.objects.get(kind=AccessKind.SECOND_FACTOR_ENROLLED)
    assert "further device" in event.detail


def test_a_superuser_issues_a_code_from_the_users_admin_page(client):
    """Issuing is the superusers' (the role matrix refuses it to every role)."""
    rita = ReviewerFactory(username="rita")
    admin_user = UserFactory(username="root", is_superuser=True)
    client.force_login(admin_user)
    page = f"/admin/auth/user/{rita.pk}/two-factor-enrollment/"
    assert page in client.get(f"/admin/auth/user/{rita.pk}/change/").content.decode()
    assert client.get(page).status_code == 200
    assert not SecondFactorEnrollment.objects.exists()  # a GET issues nothing
    shown = client.post(page)
    assert shown.status_code == 200
    assert shown["Cache-Control"].startswith("max-age=0") or "no-store" in shown["Cache-Control"]
    stored = SecondFactorEnrollment.objects.get(user=rita)
    assert stored.issued_by == admin_user
    event = AccessEvent.objects.get(kind=AccessKind.ENROLLMENT_ISSUED)
    assert event.user == rita and "root in the admin" in event.detail


def test_without_the_setting_the_local_admin_logs_in_with_the_password_alone(client):
    """`make run`: the admin login it prints is a superuser with no second factor, and
    CHILDTRACE_REQUIRE_2FA is off there: nothing asks for one."""
    UserFactory(username="admin", is_superuser=True, password=PASSWORD)
    assert logged_in(log_in(client, "admin"))
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200
